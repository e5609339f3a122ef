package dev.safesend.simulator.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.safesend.simulator.domain.RegionOfPhone;

/**
 * The region of a phone number by libphonenumber: the region the number is valid in, else the main
 * region of its country calling code, else "US" (non-geographic and unparseable numbers).
 */
public final class LibphonenumberRegions implements RegionOfPhone {

    static final String FALLBACK = "US";

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    @Override
    public String regionOf(String phoneDigits) {
        try {
            Phonenumber.PhoneNumber number = phones.parse("+" + phoneDigits, null);
            String region = phones.getRegionCodeForNumber(number);
            if (region == null) {
                region = phones.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return region == null || region.length() != 2 || PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                    || "ZZ".equals(region) ? FALLBACK : region;
        } catch (NumberParseException e) {
            return FALLBACK;
        }
    }
}
