package io.cdnlifeline.reliability;

import io.cdnlifeline.sandbox.SandboxCall;

import java.util.ArrayList;
import java.util.List;

/** Which API calls change the account: every emulated action that is not Describe*, Get*, Check* or Query*. */
final class Writes {
    private Writes() {
    }

    static boolean isWrite(String action) {
        return action != null && !(action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("Check")
                || action.startsWith("Query"));
    }

    static List<SandboxCall> of(List<SandboxCall> calls) {
        List<SandboxCall> out = new ArrayList<>();
        for (SandboxCall c : calls) if (isWrite(c.action)) out.add(c);
        return out;
    }
}
