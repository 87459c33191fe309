package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/** BssOpenApi 2017-12-14: QueryAccountBalance only. Amounts are strings, Code is the string "200". */
final class BssApi implements ProductApi {
    @Override
    public String product() {
        return "bssopenapi";
    }

    @Override
    public String hostId() {
        return "business.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        if (!"QueryAccountBalance".equals(action)) {
            throw ProductApi.unknownAction();
        }
        JsonObject out = new JsonObject();
        out.addProperty("Code", "200");
        out.addProperty("Message", "success");
        out.addProperty("Success", true);
        JsonObject data = new JsonObject();
        data.addProperty("AvailableAmount", s.account.availableAmount);
        data.addProperty("CreditAmount", s.account.creditAmount == null ? "0.00" : s.account.creditAmount);
        data.addProperty("MybankCreditAmount", "0.00");
        data.addProperty("Currency", s.account.currency == null ? "CNY" : s.account.currency);
        data.addProperty("AvailableCashAmount", s.account.availableAmount);
        data.addProperty("QuotaLimit", "0.00");
        out.add("Data", data);
        return out;
    }
}
