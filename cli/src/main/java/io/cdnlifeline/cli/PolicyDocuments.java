package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RAM documents {@code lifeline setup} puts into the account: {@code ram-policy.json} and
 * {@code ram-trust-policy.json} (the repository's files, bundled into the jar at build time, or the files named on
 * the command line), and the trust policy of a member account's role.
 */
final class PolicyDocuments {
    static final String POLICY = "ram-policy.json";
    static final String TRUST = "ram-trust-policy.json";

    private PolicyDocuments() {
    }

    /** The file's text, or the bundled copy of {@code name} when {@code file} is null. */
    static String read(Path file, String name) {
        try {
            if (file != null) return check(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            try (InputStream in = PolicyDocuments.class.getResourceAsStream("setup/" + name)) {
                if (in == null) throw new SetupInputException("this build has no bundled " + name + "; give the file with its option");
                return check(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + " (bundled)");
            }
        } catch (IOException e) {
            throw new SetupInputException("cannot read " + (file == null ? name : file) + ": " + e.getMessage());
        }
    }

    private static String check(String text, String where) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new SetupInputException(where + " is not a JSON object (a RAM policy document)");
        } catch (JsonSyntaxException e) {
            throw new SetupInputException(where + " is not valid JSON: " + e.getMessage());
        }
        return text.trim();
    }

    /**
     * The trust policy of a member account's role: only the central account's function role may assume it, and with
     * an external id only when it is given.
     */
    static String memberTrust(String centralAccount, String centralRole, String externalId) {
        String condition = externalId == null ? ""
                : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}";
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + centralAccount + ":role/" + centralRole + "\"]}" + condition + "}]}";
    }

    /** Whether two documents say the same (RAM may store them re-formatted): equal as JSON, key order aside. */
    static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        try {
            return JsonParser.parseString(a).equals(JsonParser.parseString(b));
        } catch (JsonSyntaxException e) {
            return false;
        }
    }
}
