package io.cdnlifeline.cli;

/** An FC 3.0 control-plane call that FC refused or that did not reach FC (status 0). */
final class FcCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String action;
    final int status;
    final String code;

    FcCallException(String action, int status, String code, String message) {
        super("FC " + action + (status == 0 ? "" : " answered HTTP " + status + " " + code) + ": " + message);
        this.action = action;
        this.status = status;
        this.code = code;
    }

    /** The RAM action a denial is about ({@code fc:ListFunctions} ...), or null when this was not a denial. */
    String deniedRamAction() {
        return status == 403 ? "fc:" + action : null;
    }
}
