package io.cdnlifeline.run;

import io.cdnlifeline.cloud.Product;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each function does per product, from what the products' documented APIs allow: the one table the README shows
 * (a test renders this and compares). A cell that starts with "skipped" is a product the remedy {@code cannot} act on
 * ({@link io.cdnlifeline.remedy.Remedy#cannot}, read from {@link Product#can()}; a test checks they agree); every domain of
 * it is reported as skipped with the product's reason.
 */
public final class ProductTable {
    private static final Map<String, Map<Product, String>> CELLS = new LinkedHashMap<>();

    static {
        row("dns-to-origin",
                "records switched to `ipaddr`, `domain` or `oss` origins",
                "as CDN",
                "as CDN for `ipaddr` and `domain` origins; a domain served from VOD's own storage (`oss`) is skipped with that reason",
                "skipped: a Live domain has no customer origin");
        row("dns-to-cdn",
                "marked records back to the CDN CNAME",
                "as CDN",
                "as CDN",
                "skipped: a Live domain has no customer origin");
        row("switch-to-overseas",
                "`ModifyCdnDomainSchdmByProperty`; marker tag (`TagResources`)",
                "`ModifyDCdnDomainSchdmByProperty`; marker tag (`TagDcdnResources`)",
                "skipped: no documented API changes the acceleration region; the reason names the console path",
                "`ModifyLiveDomainSchdmByProperty`; marker tag (`TagLiveResources`)");
        row("restore-coverage",
                "`ModifyCdnDomainSchdmByProperty`; tag removed (`UntagResources`)",
                "`ModifyDCdnDomainSchdmByProperty`; tag removed (`UntagDcdnResources`)",
                "skipped: as switch-to-overseas",
                "`ModifyLiveDomainSchdmByProperty`; tag removed (`UnTagLiveResources`)");
        row("disable-domain",
                "`StopCdnDomain`, `BatchStopCdnDomain` for 2 to 50; marker tag",
                "`StopDcdnDomain`, `BatchStopDcdnDomain` for 2 to 50; marker tag",
                "`BatchStopVodDomain`; no tag API, so no marker and no lock flag: named runs only",
                "`StopLiveDomain`; marker tag");
        row("enable-domain",
                "`StartCdnDomain`; by condition only what disable-domain stopped",
                "`StartDcdnDomain`; as CDN",
                "`BatchStartVodDomain`; named runs only (no marker can say who stopped it)",
                "`StartLiveDomain`; as CDN");
        row("icp-invalid (the filing)",
                "`CheckCdnDomainICP`",
                "no ICP check: a notification or an operator naming the domain states it; timers never act on a guess",
                "as DCDN",
                "as DCDN");
    }

    private ProductTable() {
    }

    private static void row(String function, String cdn, String dcdn, String vod, String live) {
        Map<Product, String> cells = new EnumMap<>(Product.class);
        cells.put(Product.CDN, cdn);
        cells.put(Product.DCDN, dcdn);
        cells.put(Product.VOD, vod);
        cells.put(Product.LIVE, live);
        CELLS.put(function, Collections.unmodifiableMap(cells));
    }

    /** Function (or condition) -> product -> what it does. */
    public static Map<String, Map<Product, String>> cells() {
        return Collections.unmodifiableMap(CELLS);
    }

    /** The table as the README shows it. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("| function |");
        for (Product p : Product.values()) b.append(' ').append(p.can().title()).append(" |");
        b.append("\n|---|");
        for (int i = 0; i < Product.values().length; i++) b.append("---|");
        b.append('\n');
        for (Map.Entry<String, Map<Product, String>> row : CELLS.entrySet()) {
            String key = row.getKey();
            int space = key.indexOf(' ');
            // `dns-to-origin`; `icp-invalid` (the filing)
            b.append("| `").append(space < 0 ? key + "`" : key.substring(0, space) + "`" + key.substring(space)).append(" |");
            for (Product p : Product.values()) b.append(' ').append(row.getValue().get(p)).append(" |");
            b.append('\n');
        }
        return b.toString();
    }
}
