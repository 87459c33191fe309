package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.profile.IClientProfile;

/**
 * The SDK client, opened up just enough to read a typed response from an HTTP answer we already hold:
 * {@code getAcsResponse} drops the HTTP status of an error, and {@code CloudException} needs it, so the
 * adapters send with {@code doAction} (which returns error answers as they are when the SDK's own retry
 * is off) and read success bodies here with the SDK's own unmarshallers.
 */
final class SdkClient extends DefaultAcsClient {
    SdkClient(IClientProfile profile, AlibabaCloudCredentialsProvider credentials) {
        super(profile, credentials);
    }

    <T extends AcsResponse> T read(AcsRequest<T> request, HttpResponse response) throws ClientException {
        return readResponse(request.getResponseClass(), response, response.getHttpContentType());
    }
}
