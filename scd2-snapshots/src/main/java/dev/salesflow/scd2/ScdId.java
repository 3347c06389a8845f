package dev.salesflow.scd2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code dbt_scd_id} of a version: the MD5 of aggregate id and event sequence number, so one
 * event can only ever make one version, whoever replays it and how often.
 */
public final class ScdId {

    private ScdId() {}

    public static String of(String aggregateId, long sequenceNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((aggregateId + "|" + sequenceNumber).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK always provides MD5", e);
        }
    }
}
