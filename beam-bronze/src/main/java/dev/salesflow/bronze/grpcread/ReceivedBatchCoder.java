package dev.salesflow.bronze.grpcread;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Compact binary coder of a {@link ReceivedBatch}: a count, then per message its ids, publish time,
 * data and attributes, each length-prefixed, so that a batch decodes from a longer stream too.
 */
public final class ReceivedBatchCoder extends AtomicCoder<ReceivedBatch> {

    private static final ReceivedBatchCoder INSTANCE = new ReceivedBatchCoder();

    private ReceivedBatchCoder() {}

    public static ReceivedBatchCoder of() {
        return INSTANCE;
    }

    @Override
    public void encode(ReceivedBatch batch, OutputStream outStream) throws IOException {
        if (batch == null) {
            throw new CoderException("cannot encode a null ReceivedBatch");
        }
        DataOutputStream out = new DataOutputStream(outStream);
        out.writeInt(batch.messages().size());
        for (ReceivedBatch.Received message : batch.messages()) {
            writeString(out, message.messageId());
            writeString(out, message.ackId());
            out.writeLong(message.publishTimeMillis());
            out.writeInt(message.data().length);
            out.write(message.data());
            out.writeInt(message.attributes().size());
            for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
                writeString(out, attribute.getKey());
                writeString(out, attribute.getValue());
            }
        }
        out.flush();
    }

    @Override
    public ReceivedBatch decode(InputStream inStream) throws IOException {
        DataInputStream in = new DataInputStream(inStream);
        int count = in.readInt();
        List<ReceivedBatch.Received> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String messageId = readString(in);
            String ackId = readString(in);
            long publishTime = in.readLong();
            byte[] data = new byte[in.readInt()];
            in.readFully(data);
            int attributeCount = in.readInt();
            Map<String, String> attributes = new HashMap<>(Math.max(4, attributeCount * 2));
            for (int a = 0; a < attributeCount; a++) {
                attributes.put(readString(in), readString(in));
            }
            messages.add(new ReceivedBatch.Received(messageId, ackId, publishTime, data, attributes));
        }
        return new ReceivedBatch(messages);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
        throw new NonDeterministicException(this, "attribute maps have no defined order");
    }

    /** {@code writeUTF} is limited to 64 KiB; ids and attributes are not, in principle. */
    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
