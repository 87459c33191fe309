package io.cdnlifeline.run;

import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.remedy.Remedy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-product table says what the remedies do, and the README shows exactly this table. */
class ProductTableTest {
    @Test
    void aCellSaysSkippedExactlyWhenTheRemedyCannotActOnTheProduct() {
        // given every remedy and product
        for (String name : Functions.names()) {
            LifelineFunction f = Functions.byName(name);
            if (!(f instanceof RemedyFunction)) continue;
            Remedy remedy = ((RemedyFunction) f).remedy();
            Map<Product, String> row = ProductTable.cells().get(name);
            assertTrue(row != null, "the table has no row for " + name);
            for (Product p : Product.values()) {
                // when the remedy is asked whether it can act on the product
                String cannot = remedy.cannot(p);
                // then the cell says skipped exactly when it cannot
                assertEquals(cannot != null, row.get(p).startsWith("skipped"), name + " / " + p + ": " + row.get(p) + " vs " + cannot);
            }
        }
    }

    @Test
    void theIcpRowMatchesWhichProductsHaveTheCheck() {
        Map<Product, String> row = ProductTable.cells().get("icp-invalid (the filing)");
        for (Product p : Product.values()) {
            assertEquals(p.can().checksIcp(), row.get(p).contains("CheckCdnDomainICP"), p.toString());
        }
    }

    @Test
    void theReadmeShowsThisTable() throws Exception {
        // given the README at the repository root
        String readme = new String(Files.readAllBytes(Path.of("..", "README.md")), StandardCharsets.UTF_8);
        // then it holds the rendered table, row for row
        String table = ProductTable.markdown();
        assertTrue(readme.contains(table), "README.md must contain exactly:\n" + table);
        assertFalse(table.contains("null"), table);
    }
}
