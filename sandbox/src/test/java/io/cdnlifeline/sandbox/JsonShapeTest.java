package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparator behind the contract tests must itself catch every kind of structural drift. */
class JsonShapeTest {
    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    private static final JsonObject DOC = json("{\"_source\":\"x\",\"RequestId\":\"a\",\"Domains\":{\"PageData\":["
            + "{\"DomainName\":\"a\",\"Port\":80,\"Cname\":\"c\"},{\"DomainName\":\"b\",\"Port\":81}]},\"Ok\":true}");

    @Test
    void sameShapeWithOtherValuesAgrees() {
        List<String> diff = JsonShape.differences(DOC, json("{\"RequestId\":\"z\",\"Domains\":{\"PageData\":["
                + "{\"DomainName\":\"q\",\"Port\":1}]},\"Ok\":false}"), Set.of());
        assertEquals(List.of(), diff);
    }

    @Test
    void missingKeyWrongTypeExtraKeyAndLostWrapperAreReported() {
        List<String> diff = JsonShape.differences(DOC, json("{\"RequestId\":1,\"Domains\":[{\"DomainName\":\"q\"}],\"More\":1}"), Set.of());
        assertEquals(List.of("RequestId: documented string, got number", "Domains: documented object, got array",
                "Ok: missing", "More: not documented"), diff);
    }

    @Test
    void elementKeysAreCheckedAgainstTheUnionOfDocumentedElements() {
        List<String> diff = JsonShape.differences(DOC, json("{\"RequestId\":\"z\",\"Domains\":{\"PageData\":["
                + "{\"DomainName\":\"q\",\"Port\":\"80\",\"Extra\":1}]},\"Ok\":true}"), Set.of());
        assertEquals(List.of("Domains.PageData[].Port: documented number, got string", "Domains.PageData[].Extra: not documented"), diff);
    }

    @Test
    void allowedExtrasAndEmptyArraysAreHandled() {
        assertEquals(List.of(), JsonShape.differences(DOC, json("{\"RequestId\":\"z\",\"Domains\":{\"PageData\":["
                + "{\"DomainName\":\"q\",\"Port\":1,\"Extra\":1}]},\"Ok\":true}"), Set.of("Domains.PageData[].Extra")));
        assertEquals(List.of("Domains.PageData: empty, cannot compare its elements (give the state some)"),
                JsonShape.differences(DOC, json("{\"RequestId\":\"z\",\"Domains\":{\"PageData\":[]},\"Ok\":true}"), Set.of()));
    }
}
