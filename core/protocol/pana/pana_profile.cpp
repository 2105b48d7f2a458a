// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_profile.h"

namespace m2mbench::pana {

namespace {

Retransmission schedule(const crypto::RetransmissionProfile &t) {
    return Retransmission{t.irtMs, t.mrtMs, t.mrc, t.mrdMs};
}

} // namespace

SessionConfig sessionConfigFromProfile(const crypto::BootstrapProfile &profile) {
    SessionConfig c;
    c.prfAlgorithms.clear();
    for (quint32 prf : profile.prfAlgorithms) {
        if (isSupportedPrf(prf)) {
            c.prfAlgorithms << prf;
        }
    }
    c.integrityAlgorithms.clear();
    for (quint32 integrity : profile.integrityAlgorithms) {
        if (isSupportedIntegrity(integrity)) {
            c.integrityAlgorithms << integrity;
        }
    }
    // RFC 5191 makes PRF_HMAC_SHA1 and AUTH_HMAC_SHA1_160 mandatory to implement: never end
    // up with nothing to offer.
    if (c.prfAlgorithms.isEmpty()) {
        c.prfAlgorithms << Prf::HmacSha1;
    }
    if (c.integrityAlgorithms.isEmpty()) {
        c.integrityAlgorithms << Integrity::HmacSha1_160;
    }
    c.nonceLength = profile.nonceLength;
    c.sessionLifetimeSeconds = profile.sessionLifetimeSeconds;
    c.timers.pci = schedule(profile.pciTimer);
    c.timers.request = schedule(profile.requestTimer);
    c.limits.maxMessage = profile.maxMessage;
    return c;
}

} // namespace m2mbench::pana
