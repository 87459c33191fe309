package io.cdnlifeline.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** events/index.json: for each sample, the function it is for, the template trigger it stands for, and the Request it must become. */
final class SampleIndex {
    static final String FILE = "index.json";

    /** One line of the index. */
    static final class Sample {
        final String file;
        final String function;
        final String trigger;
        final JsonObject request;
        final String source;

        Sample(String file, String function, String trigger, JsonObject request, String source) {
            this.file = file;
            this.function = function;
            this.trigger = trigger;
            this.request = request;
            this.source = source;
        }

        @Override
        public String toString() {
            return file + " -> " + function + (trigger == null ? "" : " (" + trigger + ")");
        }
    }

    final List<Sample> samples;

    private SampleIndex(List<Sample> samples) {
        this.samples = samples;
    }

    static SampleIndex read(Path eventsDir) throws IOException {
        return parse(Files.readString(eventsDir.resolve(FILE), StandardCharsets.UTF_8));
    }

    static SampleIndex parse(String json) {
        List<Sample> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("samples")) {
            JsonObject o = e.getAsJsonObject();
            out.add(new Sample(o.get("file").getAsString(), o.get("function").getAsString(),
                    o.has("trigger") ? o.get("trigger").getAsString() : null,
                    o.getAsJsonObject("request"), o.get("source").getAsString()));
        }
        return new SampleIndex(out);
    }
}
