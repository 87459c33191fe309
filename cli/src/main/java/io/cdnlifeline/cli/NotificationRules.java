package io.cdnlifeline.cli;

import java.util.List;

/**
 * The EventBridge rules the template's notification triggers name in their {@code sourceArn}
 * ({@code eventbus/<bus>/rule/<name>}): one per notification kind, on the lifeline bus, with the trigger's filter
 * pattern and its function as the target. {@code NotificationRulesTest} holds this list to template.yml.
 */
final class NotificationRules {
    /** One rule: its name, the function it delivers to, and its filter pattern (the trigger's eventRuleFilterPattern). */
    static final class Rule {
        final String name;
        final String function;
        final String filterPattern;

        Rule(String name, String function, String notificationType) {
            this.name = name;
            this.function = function;
            this.filterPattern = "{\"type\":[\"" + notificationType + "\"]}";
        }
    }

    static final List<Rule> ALL = List.of(
            new Rule("dns-to-origin-overdue-payment", "dns-to-origin", "lifeline:Notification:OverduePayment"),
            new Rule("dns-to-origin-domain-offline", "dns-to-origin", "lifeline:Notification:DomainOffline"),
            new Rule("dns-to-cdn-payment-settled", "dns-to-cdn", "lifeline:Notification:PaymentSettled"),
            new Rule("dns-to-cdn-domain-online", "dns-to-cdn", "lifeline:Notification:DomainOnline"),
            new Rule("switch-to-overseas-icp-invalid", "switch-to-overseas", "lifeline:Notification:IcpInvalid"),
            new Rule("restore-coverage-icp-restored", "restore-coverage", "lifeline:Notification:IcpRestored"));

    private NotificationRules() {
    }
}
