package dev.salesflow.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.BaseServiceException;

/** Turns a client exception into a message that says what to do about it. */
final class Failures {

    private Failures() {}

    /**
     * @param action what was being done, e.g. "creating topic projects/p/topics/t"
     * @param api the service to enable if it is off, e.g. {@code pubsub.googleapis.com}
     * @param role the role that allows the action, e.g. {@code roles/pubsub.admin}
     */
    static GcpException explain(String action, String project, RuntimeException e, String api, String role) {
        if (e instanceof GcpException known) {
            return known;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint;
        Kind kind = kind(e);
        String text = message.toLowerCase();
        if (kind == Kind.DENIED
                && (text.contains("has not been used")
                        || text.contains("is disabled")
                        || text.contains("service_disabled")
                        || text.contains("api has not been"))) {
            hint = "enable the API: `gcloud services enable " + api + " --project " + project + "`";
        } else if (kind == Kind.DENIED) {
            hint = "the credentials lack a permission: grant " + role + " (docs/gcp.md, \"Service accounts\")";
        } else if (kind == Kind.UNAUTHENTICATED) {
            hint = "the credentials were refused: run `gcloud auth application-default login` again, or check "
                    + "GOOGLE_APPLICATION_CREDENTIALS";
        } else if (kind == Kind.UNAVAILABLE) {
            hint = "the API could not be reached: check the network (or the endpoint given) and try again";
        } else if (kind == Kind.NOT_FOUND) {
            hint = "it does not exist: run `salesflow gcp setup` with the same options";
        } else {
            hint = null;
        }
        return new GcpException(action + " failed: " + message + (hint == null ? "" : " -> " + hint), e);
    }

    enum Kind {
        DENIED,
        UNAUTHENTICATED,
        NOT_FOUND,
        CONFLICT,
        UNAVAILABLE,
        OTHER
    }

    static Kind kind(Throwable e) {
        if (e instanceof ApiException api) {
            StatusCode.Code code = api.getStatusCode().getCode();
            return switch (code) {
                case PERMISSION_DENIED -> Kind.DENIED;
                case UNAUTHENTICATED -> Kind.UNAUTHENTICATED;
                case NOT_FOUND -> Kind.NOT_FOUND;
                case ALREADY_EXISTS -> Kind.CONFLICT;
                case UNAVAILABLE, DEADLINE_EXCEEDED -> Kind.UNAVAILABLE;
                default -> Kind.OTHER;
            };
        }
        if (e instanceof BaseServiceException service) {
            return switch (service.getCode()) {
                case 403 -> Kind.DENIED;
                case 401 -> Kind.UNAUTHENTICATED;
                case 404 -> Kind.NOT_FOUND;
                case 409 -> Kind.CONFLICT;
                // The HTTP clients report a connection failure as code 0 with an IOException cause.
                case 0, 502, 503, 504 -> Kind.UNAVAILABLE;
                default -> Kind.OTHER;
            };
        }
        return Kind.OTHER;
    }
}
