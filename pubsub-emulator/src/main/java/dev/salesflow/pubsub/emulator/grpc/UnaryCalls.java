package dev.salesflow.pubsub.emulator.grpc;

import dev.salesflow.pubsub.emulator.broker.BrokerException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary call against the broker and turns broker refusals into gRPC statuses. */
final class UnaryCalls {

    private UnaryCalls() {}

    static <T> void answer(StreamObserver<T> observer, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (BrokerException e) {
            observer.onError(toStatus(e));
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    static StatusRuntimeException toStatus(BrokerException e) {
        // ErrorCode names are the canonical google.rpc.Code names, which io.grpc.Status shares.
        return Status.fromCode(Status.Code.valueOf(e.code().name()))
                .withDescription(e.getMessage())
                .asRuntimeException();
    }
}
