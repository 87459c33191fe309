package io.cdnlifeline.sandbox;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

/** The classic Aliyun Java SDK client pointed at a sandbox, as a user would do it. */
final class ClassicClient {
    private final DefaultAcsClient client;
    private final String hostPort;

    ClassicClient(Sandbox sandbox, String keyId, String secret) {
        this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", keyId, secret));
        this.hostPort = "127.0.0.1:" + sandbox.port();
    }

    ClassicClient(Sandbox sandbox, AlibabaCloudCredentials credentials) {
        this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"), credentials);
        this.hostPort = "127.0.0.1:" + sandbox.port();
    }

    static ClassicClient of(Sandbox sandbox) {
        return new ClassicClient(sandbox, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET);
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(hostPort);
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** For operations the classic product SDKs lack (DescribeUserCdnStatus, CheckCdnDomainICP). */
    CommonResponse common(String version, String action, String... keyValues) throws ClientException {
        CommonRequest request = new CommonRequest();
        request.setSysDomain(hostPort);
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysMethod(MethodType.POST);
        request.setSysVersion(version);
        request.setSysAction(action);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.putQueryParameter(keyValues[i], keyValues[i + 1]);
        }
        return client.getCommonResponse(request);
    }
}
