package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one SDK client of a {@code Cloud} and the way every call goes through it: endpoint (the real one
 * over HTTPS, or the override for every product), per-attempt timeouts, the resilient caller's retries,
 * rate limits and deadline, and the mapping of failures to {@link CloudException}.
 */
final class AcsCaller {
    private final SdkClient client;
    private final ResilientCaller resilient;
    private final ProtocolType overrideProtocol;
    private final String overrideHost;

    private AcsCaller(SdkClient client, ResilientCaller resilient, ProtocolType overrideProtocol, String overrideHost) {
        this.client = client;
        this.resilient = resilient;
        this.overrideProtocol = overrideProtocol;
        this.overrideHost = overrideHost;
    }

    static AcsCaller create(String region, String endpointOverride, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        DefaultProfile profile = DefaultProfile.getProfile(region);
        profile.setCloseTrace(true);
        // The JDK's HttpURLConnection instead of the SDK's Apache HttpClient: a faster cold start (bench/README.md)
        HttpClientConfig http = UrlConnectionHttpClient.config();
        http.setConnectionTimeoutMillis(policy.connectTimeout().toMillis());
        http.setReadTimeoutMillis(policy.readTimeout().toMillis());
        profile.setHttpClientConfig(http);
        SdkClient client = new SdkClient(profile, new SupplierCredentialsProvider(credentials));
        client.appendUserAgent("cdn-lifeline", "1");
        ProtocolType protocol = null;
        String host = null;
        if (endpointOverride != null && !endpointOverride.isBlank()) {
            URI uri = endpointUri(endpointOverride.trim());
            protocol = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? ProtocolType.HTTPS : ProtocolType.HTTP;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            host = uri.getRawAuthority() + path;
        }
        return new AcsCaller(client, new ResilientCaller(policy), protocol, host);
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

    /** Where calls of this product go, as host[:port][/path]. */
    String host(AliyunService service) {
        return overrideHost != null ? overrideHost : service.endpoint();
    }

    /** The base URL calls of this product go to, e.g. {@code https://cdn.aliyuncs.com}. */
    String baseUrl(AliyunService service) {
        ProtocolType p = overrideHost != null ? overrideProtocol : ProtocolType.HTTPS;
        return p.toString() + "://" + host(service);
    }

    /** One typed call; {@code newRequest} builds a fresh request per attempt (a signed request is not reusable). */
    <T extends AcsResponse> T call(AliyunApi api, Supplier<? extends AcsRequest<T>> newRequest) throws CloudException {
        return resilient.call(api, readTimeout -> {
            AcsRequest<T> request = newRequest.get();
            prepare(api, request, readTimeout);
            HttpResponse answer = send(api, request);
            try {
                return client.read(request, answer);
            } catch (ClientException | RuntimeException e) {
                throw CloudErrors.unexpected(api, requestIdOf(answer), answer.getStatus(), "the documented response shape");
            }
        });
    }

    /** One call of an operation the classic SDK has no class for, through CommonRequest; returns the JSON body. */
    JsonObject callCommon(AliyunApi api, Map<String, String> params) throws CloudException {
        return resilient.call(api, readTimeout -> {
            CommonRequest common = new CommonRequest();
            common.setSysProduct(api.service().productCode());
            common.setSysVersion(api.service().version());
            common.setSysAction(api.action());
            common.setSysMethod(MethodType.POST);
            common.setSysAccept(FormatType.JSON);
            for (Map.Entry<String, String> p : params.entrySet()) {
                common.putQueryParameter(p.getKey(), p.getValue());
            }
            AcsRequest<CommonResponse> request = common.buildRequest();
            prepare(api, request, readTimeout);
            HttpResponse answer = send(api, request);
            JsonObject body = parseObject(body(answer));
            if (body == null) {
                throw CloudErrors.unexpected(api, null, answer.getStatus(), "a JSON object");
            }
            return body;
        });
    }

    private void prepare(AliyunApi api, AcsRequest<?> request, int readTimeoutMillis) {
        request.setSysEndpoint(host(api.service()));
        request.setSysProtocol(overrideHost != null ? overrideProtocol : ProtocolType.HTTPS);
        request.setSysAcceptFormat(FormatType.JSON);
        request.setSysConnectTimeout((int) Math.min(resilient.policy().connectTimeout().toMillis(), readTimeoutMillis));
        request.setSysReadTimeout(readTimeoutMillis);
    }

    private HttpResponse send(AliyunApi api, AcsRequest<?> request) throws CloudException {
        HttpResponse answer;
        try {
            answer = client.doAction(request);
        } catch (SupplierCredentialsProvider.CredentialsSupplierFailure e) {
            throw CloudErrors.noCredentials(api, e);
        } catch (ClientException e) {
            throw CloudErrors.fromSdk(api, host(api.service()), e);
        }
        if (!answer.isSuccess()) {
            throw CloudErrors.fromResponse(api, answer.getStatus(), body(answer));
        }
        return answer;
    }

    private static String body(HttpResponse answer) {
        try {
            return answer.getHttpContentString();
        } catch (ClientException e) {
            return null;
        }
    }

    private static String requestIdOf(HttpResponse answer) {
        JsonObject o = parseObject(body(answer));
        JsonElement id = o == null ? null : o.get("RequestId");
        return id == null || !id.isJsonPrimitive() ? null : id.getAsString();
    }

    private static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
