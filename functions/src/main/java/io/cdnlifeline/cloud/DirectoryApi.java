package io.cdnlifeline.cloud;

import java.util.List;

/** Resource Directory: the member accounts of the directory the caller manages (Resource Manager {@code ListAccounts}). */
public interface DirectoryApi {
    /** Every member's account id, in the order ListAccounts pages them. */
    List<String> memberAccountIds() throws CloudException;
}
