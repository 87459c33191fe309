package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The error codes the API reference documents for the operations the sandbox answers, with their HTTP status and
 * message (api-examples/README.md sections 3-6, cdn/, dcdn/ and sts/README-notes.md), so a test can make the
 * sandbox answer any of them by name ({@code faults.inject}).
 */
final class DocumentedErrors {
    private static final Map<String, ApiError> BY_CODE = Map.ofEntries(
            // CDN error-code page and the general table; DCDN shares them
            entry(403, "ServiceBusy", "The specified Domain is configuring, please retry later."),
            entry(403, "SystemUpgrading", "The system is being upgraded, please try again later!"),
            entry(403, "IllegalOperation", "Illegal domain operate is not permitted."),
            entry(400, "IllegalOperationDomain", "You are not authorized to operate the domain."),
            entry(403, "CdnServiceNotFound", "Your account does not open CDN service yet."),
            entry(403, "DomainInProtectedMode", "This domain is in the protected mode. if you want to do this operation, please contact us!"),
            entry(400, "DomainNameOverLimit", "A maximum of 50 domains are supported for each request."),
            entry(403, "OperationDenied", "Your account does not open CDN service yet."),
            entry(403, "Forbidden.NotVerified", "Your account is not verified yet."),
            entry(403, "Forbidden", "User not authorized to operate on the specified resource."),
            entry(404, "InvalidDomain.NotFound", "The domain provided does not exist in our records."),
            entry(400, "InvalidDomain.BelongToConfigGroup", "This Domain activated in configuration group and should modify by config group."),
            entry(400, "RecordCheckNotAvailable", "The ICP filing interface is unavailable. Please try again later."),
            entry(400, "IcpBlack", "The domain is on the ICP blacklist."),
            entry(400, "IspBlack", "The domain is on the ISP blacklist."),
            entry(400, "Schedule.NotFound", "there is no schedule domain found by the targeted coverage value"),
            entry(400, "DomainTraffic.ExceedThreshold", "not allowed to do this operation because the last day traffic exceeds the threshold"),
            entry(400, "Domain.BeianInvalid", "not allowed to do this operation because the domain registration record invalid in China main land"),
            entry(400, "Schedule.ChangeFail", "change domain failed"),
            entry(400, "CheckDomainICPFail", "The domain query icp info error,check domain icp failed."),
            entry(400, "-124", "The domain provided does not belong to you."),
            entry(400, "Throttling", "Request was denied due to request throttling."),
            entry(400, "Throttling.User", "Request was denied due to user flow control."),
            entry(500, "InternalError", "The request processing has failed due to some unknown error."),
            entry(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
            // Alidns (2016-2018 revision)
            entry(400, "IncorrectDomainUser", "The domain name does not belong to this user."),
            entry(400, "DomainRecordNotBelongToUser", "The domain record does not belong to this user."),
            entry(400, "DomainRecordDuplicate", "The domain record is duplicated."),
            entry(400, "DomainRecordConflict", "The domain record is conflict with other records."),
            entry(400, "DomainRecordLocked", "The domain record has been locked."),
            entry(400, "DomainForbidden", "The action could not be completed because the domain has been forbidden."),
            entry(400, "RecordForbidden.BlackHole", "The action could not be completed because there are some reords have been into black hole."),
            entry(400, "RecordForbidden.DNSChange", "The action could not be completed because DNS is changing."),
            entry(400, "QuotaExceeded.Record", "You Can't add this domain record because the {\"Type RR Line\"} record has been out of MAX count (90)."),
            entry(400, "UnKnownError", "There is an unknown error in system."),
            // BSS, STS
            entry(400, "NotAuthorized", "This API is not authorized for caller."),
            entry(403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."),
            entry(404, "EntityNotExist.Role", "The specified Role not exists."));

    private DocumentedErrors() {
    }

    /** The documented error, or null for a code the sandbox does not know. */
    static ApiError of(String code) {
        return BY_CODE.get(code);
    }

    static List<String> codes() {
        return new ArrayList<>(new TreeSet<>(BY_CODE.keySet()));
    }

    private static Map.Entry<String, ApiError> entry(int status, String code, String message) {
        return Map.entry(code, new ApiError(status, code, message));
    }
}
