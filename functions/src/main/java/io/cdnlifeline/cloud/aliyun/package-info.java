/**
 * The {@code cloud} ports on the Alibaba Cloud RPC APIs (CDN 2018-05-10, DCDN 2018-01-15, Alidns 2015-01-09),
 * called through a lean signed client ({@code RpcClient}: the V1 HMAC-SHA1 signature of the classic
 * {@code aliyun-java-sdk-core}, whose string-to-sign it calls, over the JDK's HttpURLConnection) with the
 * parameters the classic product SDKs (cdn 3.8.8, dcdn 2.1.2, alidns 3.0.7) send, and their documented JSON
 * answers read by field name. The SDK client machinery (DefaultAcsClient, endpoint tables, typed
 * requests and unmarshallers) is not used: it was most of the function's cold start (bench/README.md).
 * Entry points: {@link io.cdnlifeline.cloud.aliyun.AliyunCloud#create}
 * and {@link io.cdnlifeline.cloud.aliyun.DefaultCredentials#resolve}; nothing else here is public API
 * except {@link io.cdnlifeline.cloud.aliyun.CallPolicy} and the two credential exceptions.
 *
 * <h2>What a caller sees</h2>
 * Every port method throws {@link io.cdnlifeline.cloud.CloudException} with the cloud's own Code, Message,
 * RequestId and HTTP status. Codes made on this side:
 * <ul>
 * <li>{@code SDK.ServerUnreachable} / {@code SDK.ReadTimeout}: no answer (status 0, retryable, already retried);</li>
 * <li>{@code HttpNNN}: a non-2xx answer without an API error body;</li>
 * <li>{@code Lifeline.DeadlineExceeded}: the run's deadline left no time to call (or to wait for the rate limit);</li>
 * <li>{@code Lifeline.NoCredentials}: the credentials supplier failed; nothing was sent;</li>
 * <li>{@code Lifeline.UnexpectedResponse}: a 2xx answer without the documented shape (fail closed);</li>
 * <li>{@code InvalidDomain.NotFound} with status 200: a detail API answered without a domain.</li>
 * </ul>
 * Messages never hold a secret, a token or a signed URL.
 *
 * <h2>Retries</h2>
 * Retried: any {@code Throttling*} code, {@code ServiceUnavailable}, {@code InternalError}, any 5xx, and calls
 * that got no answer. Never retried: every other 4xx. A write whose answer was lost is retried too; the
 * remedies already treat the resulting {@code DomainRecordDuplicate} as "already done".
 */
package io.cdnlifeline.cloud.aliyun;
