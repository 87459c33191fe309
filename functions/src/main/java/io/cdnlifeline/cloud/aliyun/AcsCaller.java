package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one RPC client of a {@code Cloud} and the way every call goes through it: endpoint (the real one
 * over HTTPS, or the override for every product), the credentials of the moment, per-attempt timeouts,
 * the resilient caller's retries, rate limits and deadline, and the mapping of failures to
 * {@link CloudException}.
 */
final class AcsCaller {
    /** Reads a 2xx answer into what the adapter returns; may throw {@link AnswerJson.MalformedAnswerException}. */
    interface Reader<T> {
        T read(JsonObject answer) throws CloudException;
    }

    private final RpcClient client;
    private final Supplier<CloudCredentials> credentials;
    private final ResilientCaller resilient;
    private final String overrideBase;
    private final String region;
    /** Each product's endpoint for the region, found once (by ordinal of AliyunService). */
    private final Endpoints.Endpoint[] endpoints;

    private AcsCaller(RpcClient client, Supplier<CloudCredentials> credentials, ResilientCaller resilient, String overrideBase,
                      String region) {
        this.client = client;
        this.credentials = credentials;
        this.resilient = resilient;
        this.overrideBase = overrideBase;
        this.region = region;
        this.endpoints = new Endpoints.Endpoint[AliyunService.values().length];
    }

    private Endpoints.Endpoint endpoint(AliyunService service) {
        Endpoints.Endpoint e = endpoints[service.ordinal()];
        if (e == null) {
            e = Endpoints.resolve(service, region);
            endpoints[service.ordinal()] = e;   // a benign race: every thread computes the same value
        }
        return e;
    }

    static AcsCaller create(String region, String endpointOverride, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        String base = null;
        if (endpointOverride != null && !endpointOverride.isBlank()) {
            URI uri = endpointUri(endpointOverride.trim());
            String path = uri.getRawPath() == null ? "" : stripTrailingSlashes(uri.getRawPath());
            base = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path;
        }
        // a malformed LIFELINE_REGION is a configuration error at start-up, like a malformed endpoint
        String r = region == null ? null : Endpoints.checkedRegion(region);
        return new AcsCaller(new RpcClient(r), credentials, new ResilientCaller(policy), base, r);
    }

    /** {@code http://127.0.0.1:8080} or {@code https://host[:port][/path]}; anything else is a configuration error. */
    static URI endpointUri(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LIFELINE_ENDPOINT must be a URL like http://127.0.0.1:8080; got '" + endpoint + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("LIFELINE_ENDPOINT must be an http or https URL like http://127.0.0.1:8080 "
                    + "(no query); got '" + endpoint + "'");
        }
        return uri;
    }

    /** The base URL calls of this product go to for the region, from {@link Endpoints}, e.g. {@code https://cdn.aliyuncs.com}. */
    String baseUrl(AliyunService service) {
        if (overrideBase != null) return overrideBase;
        return "https://" + (region == null ? service.endpoint() : endpoint(service).host());
    }

    /** The parameters with the RegionId the endpoint table fixes for the product, where it fixes one. */
    private Map<String, String> withRegion(AliyunService service, Map<String, String> params) {
        if (region == null || params.containsKey("RegionId")) return params;
        String fixed = endpoint(service).regionId();
        if (fixed.equals(region)) return params;
        Map<String, String> p = new java.util.HashMap<>(params);
        p.put("RegionId", fixed);
        return p;
    }

    /** One call whose answer is read by {@code reader}; a failure to read it is {@code Lifeline.UnexpectedResponse}. */
    <T> T call(AliyunApi api, Map<String, String> params, Reader<T> reader) throws CloudException {
        return resilient.call(api, readTimeout -> {
            JsonObject answer = send(api, params, readTimeout);
            try {
                return reader.read(answer);
            } catch (RuntimeException e) {
                // fail closed, as the SDK's unmarshallers did: an answer we cannot read is not an empty one
                throw CloudErrors.unexpected(api, requestId(answer), 200, "the documented response shape (" + e.getMessage() + ")");
            }
        });
    }

    /** One call whose answer body is only checked to be a JSON object (writes). */
    JsonObject call(AliyunApi api, Map<String, String> params) throws CloudException {
        return call(api, params, answer -> answer);
    }

    private JsonObject send(AliyunApi api, Map<String, String> params, int readTimeoutMillis) throws CloudException {
        CloudCredentials c;
        try {
            c = credentials.get();
        } catch (RuntimeException e) {
            throw CloudErrors.noCredentials(api, e);
        }
        if (c == null) throw CloudErrors.noCredentials(api, new IllegalStateException("the credentials supplier returned nothing"));
        String base = baseUrl(api.service());
        int connectTimeout = (int) Math.min(resilient.policy().connectTimeout().toMillis(), readTimeoutMillis);
        RpcClient.Answer answer;
        try {
            answer = client.post(base, api.service(), api.action(), withRegion(api.service(), params), c, connectTimeout, readTimeoutMillis);
        } catch (IOException e) {
            throw CloudErrors.noAnswer(api, hostOf(base), e);
        }
        if (!answer.success()) {
            throw CloudErrors.fromResponse(api, answer.status, answer.body);
        }
        JsonObject body = AnswerJson.parseObject(answer.body);
        if (body == null) {
            throw CloudErrors.unexpected(api, null, answer.status, "a JSON object");
        }
        return body;
    }

    private static String requestId(JsonObject answer) {
        try {
            return AnswerJson.text(answer, "RequestId");
        } catch (AnswerJson.MalformedAnswerException e) {
            return null;
        }
    }

    private static String hostOf(String base) {
        int scheme = base.indexOf("://");
        return scheme < 0 ? base : base.substring(scheme + 3);
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') end--;
        return path.substring(0, end);
    }
}
