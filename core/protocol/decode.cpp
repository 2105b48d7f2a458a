// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/decode.h"

#include "core/crypto/profile.h"
#include "core/protocol/coap/coap_describe.h"
#include "core/protocol/diameter/diameter_describe.h"
#include "core/protocol/diameter/m2m_application.h"
#include "core/protocol/eap/eap_describe.h"
#include "core/protocol/eap/tls_records.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/pana/pana_describe.h"
#include "core/protocol/radius/radius_describe.h"

namespace m2mbench::protocol {

namespace {

/// The M2M application's AVP names of the built-in profile (a lab profile that renumbers them
/// shows numbers instead of names, never wrong names).
const crypto::BootstrapProfile &builtinBootstrap() {
    static const crypto::BootstrapProfile profile = [] {
        auto builtin = crypto::Profile::builtin();
        return builtin ? builtin->bootstrap : crypto::BootstrapProfile();
    }();
    return profile;
}

diameter::AvpNames diameterAvpNames() {
    return diameter::m2mAvpNames(builtinBootstrap());
}

QList<quint64> diameterSecretAvps() {
    return diameter::m2mSecretAvps(builtinBootstrap());
}

QHash<quint64, QString> panaVendorNames() {
    const crypto::BootstrapProfile &p = builtinBootstrap();
    return {
        {(quint64(p.vendorId) << 16) | p.bootstrapParamAvp, QStringLiteral("bootstrapParamSet")},
        {(quint64(p.vendorId) << 16) | p.kmrSourceAvp, QStringLiteral("Kmr-Source")}};
}

} // namespace

QList<trace::Field> decodedFields(const trace::Event &event) {
    if (!event.fields.isEmpty() || event.raw.isEmpty()) {
        return event.fields;
    }
    if (event.protocol == u"HTTP") {
        return http::decodeHttp(event.raw);
    }
    if (event.protocol == u"PANA") {
        return pana::decodePana(event.raw, panaVendorNames());
    }
    if (event.protocol == u"RADIUS") {
        return radius::decodeRadius(event.raw);
    }
    if (event.protocol == u"Diameter") {
        return diameter::decodeDiameter(event.raw, diameterAvpNames(), diameterSecretAvps());
    }
    if (event.protocol == u"EAP") {
        return {eap::describeEap(event.raw)};
    }
    if (event.protocol == u"CoAP") {
        return coap::decodeCoap(event.raw);
    }
    if (event.protocol == u"TLS") {
        // Handshake flights of the TLS-PSK sessions (the application data is recorded decrypted).
        return eap::describeTlsRecords(event.raw, 0);
    }
    return {};
}

} // namespace m2mbench::protocol
