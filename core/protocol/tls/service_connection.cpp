// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/service_connection.h"

#include "core/crypto/key_hierarchy.h"

namespace m2mbench::tls {

Result<SecureBytes> kmcConfirmation(const crypto::Profile &profile, const SecureBytes &kmc,
                                    quint64 connectionId) {
    return crypto::kmcConfirmation(profile, kmc, connectionId);
}

Result<SecureBytes> kmcConfirmation(const SecureBytes &kmc, quint64 connectionId) {
    auto profile = crypto::Profile::builtin();
    if (!profile) {
        return fail(profile.error());
    }
    return crypto::kmcConfirmation(*profile, kmc, connectionId);
}

} // namespace m2mbench::tls
