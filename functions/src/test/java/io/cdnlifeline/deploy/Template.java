package io.cdnlifeline.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * template.yml as the deployment tests see it: the fc3 resources with their handler, initializer,
 * code and triggers. Values with Serverless Devs variables ({@code ${...}}) stay as written; the
 * tests only read what is literal (handlers, code, payloads, filter patterns).
 */
final class Template {
    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    static Template read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Template parse(String yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map)) throw new IllegalArgumentException("template is not a YAML mapping");
        return new Template((Map<String, Object>) doc);
    }

    Object get(String key) {
        return root.get(key);
    }

    /** Every resource of component fc3, in template order. */
    List<Function> functions() {
        List<Function> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : map(root.get("resources")).entrySet()) {
            Map<String, Object> resource = map(e.getValue());
            if ("fc3".equals(resource.get("component"))) out.add(new Function(e.getKey(), map(resource.get("props"))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Collections.emptyMap();
    }

    /** One fc3 resource. */
    static final class Function {
        final String resource;
        final Map<String, Object> props;

        Function(String resource, Map<String, Object> props) {
            this.resource = resource;
            this.props = props;
        }

        String name() { return string(props.get("functionName")); }
        String handler() { return string(props.get("handler")); }
        String code() { return string(props.get("code")); }

        /** {@code instanceLifecycleConfig.initializer.handler}, or null. */
        String initializer() {
            return string(map(map(props.get("instanceLifecycleConfig")).get("initializer")).get("handler"));
        }

        List<Trigger> triggers() {
            List<Trigger> out = new ArrayList<>();
            Object ts = props.get("triggers");
            if (ts instanceof List) {
                for (Object t : (List<?>) ts) out.add(new Trigger(this, map(t)));
            }
            return out;
        }
    }

    /** One trigger of a function. */
    static final class Trigger {
        final Function function;
        final Map<String, Object> props;

        Trigger(Function function, Map<String, Object> props) {
            this.function = function;
            this.props = props;
        }

        String name() { return string(props.get("triggerName")); }
        String type() { return string(props.get("triggerType")); }
        Map<String, Object> config() { return map(props.get("triggerConfig")); }

        @Override
        public String toString() {
            return function.name() + "/" + name();
        }
    }

    static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
