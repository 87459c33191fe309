package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;

import java.util.List;
import java.util.Set;

/**
 * Tells which domains carry a function's {@code lifeline:} marker (the {@code remediated} condition):
 * DNS record remarks for the DNS remedies, domain tags for the others. Reads in batches (tags: 50 domains a call;
 * DNS: per zone or per host, whichever is fewer calls).
 */
public interface MarkerProbe {
    /** The names, among the candidates (all of one product), that carry the marker. */
    Set<String> marked(List<AcceleratedDomain> candidates) throws CloudException;
}
