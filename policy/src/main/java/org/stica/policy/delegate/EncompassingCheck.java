package org.stica.policy.delegate;

import java.math.BigInteger;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnEntry;

/**
 * RFC 9060 §4: a delegate's TNAuthList must equal or be a subset of its parent's. Each delegate
 * entry must be covered by one parent entry: an SPC only by the same SPC; a telephone number by
 * an equal number or a parent range holding it; a range by a parent range holding all of it.
 * When {@code spcCoversNumbers} is set, a parent SPC also covers numbers and ranges (RFC 9060
 * §4.1: an SPC-only parent may delegate TNs, the CA vouching for them through the authority
 * token, §8); otherwise numbers need a parent number or range. Numbers are compared as digit
 * strings of equal length. Refusal: {@link Violation#DELEGATE_NOT_ENCOMPASSED}.
 */
public final class EncompassingCheck {
    private final boolean spcCoversNumbers;

    public EncompassingCheck(boolean spcCoversNumbers) {
        this.spcCoversNumbers = spcCoversNumbers;
    }

    /** Returns normally when {@code delegate} is within {@code parent}. */
    public void requireWithin(TnAuthList delegate, TnAuthList parent) {
        for (TnEntry entry : delegate.entries()) {
            boolean covered = parent.entries().stream().anyMatch(p -> covers(p, entry));
            if (!covered) {
                throw new PolicyException(Violation.DELEGATE_NOT_ENCOMPASSED,
                        "delegate TNAuthList entry " + describe(entry)
                                + " is outside the parent's TNAuthList (RFC 9060 §4)");
            }
        }
    }

    private boolean covers(TnEntry parent, TnEntry entry) {
        if (parent instanceof TnEntry.Spc parentSpc) {
            if (entry instanceof TnEntry.Spc spc) {
                return spc.code().equals(parentSpc.code());
            }
            return spcCoversNumbers;
        }
        if (entry instanceof TnEntry.Spc) {
            return false;
        }
        if (parent instanceof TnEntry.One one) {
            return entry instanceof TnEntry.One number && number.number().equals(one.number());
        }
        TnEntry.Range range = (TnEntry.Range) parent;
        if (entry instanceof TnEntry.One number) {
            return within(range, number.number(), 1);
        }
        TnEntry.Range inner = (TnEntry.Range) entry;
        return within(range, inner.start(), inner.count());
    }

    private static boolean within(TnEntry.Range range, String start, long count) {
        if (start.length() != range.start().length() || !digits(start)
                || !digits(range.start())) {
            return false;
        }
        BigInteger first = new BigInteger(start);
        BigInteger last = first.add(BigInteger.valueOf(count - 1));
        BigInteger rangeFirst = new BigInteger(range.start());
        BigInteger rangeLast = rangeFirst.add(BigInteger.valueOf(range.count() - 1));
        return first.compareTo(rangeFirst) >= 0 && last.compareTo(rangeLast) <= 0;
    }

    private static boolean digits(String number) {
        return !number.isEmpty() && number.chars().allMatch(Character::isDigit);
    }

    private static String describe(TnEntry entry) {
        if (entry instanceof TnEntry.Spc spc) {
            return "SPC " + spc.code();
        }
        if (entry instanceof TnEntry.One one) {
            return "TN " + one.number();
        }
        TnEntry.Range range = (TnEntry.Range) entry;
        return "range " + range.start() + "+" + range.count();
    }
}
