// SPDX-License-Identifier: Apache-2.0
#pragma once

// One mId exchange over TLS 1.2 with a PSK (the profile's service connection: PSK-AES128-GCM-
// SHA256) on loopback, captured live by the bench's RunCapture while OpenSSL's key log callback
// feeds the run's trace: the decryption path end to end, before the TLS binding exists.

#include "core/common/result.h"

#include <QString>

namespace m2mbench::test {

struct TlsCapture {
    QString livePath;   ///< capture.pcapng (with a decryption secrets block when embedded)
    QString exportPath; ///< export.pcapng
    QString keyLogPath; ///< keys.log
    quint16 port = 0;   ///< the TLS server's port (tshark needs -d tcp.port==N,tls)
    int keyLogLines = 0;
    quint64 linkedMessages = 0;
};

/// Runs the exchange in `dir`; needs capture privileges.
Result<TlsCapture> captureTlsExchange(const QString &dir, bool embedSecrets);

} // namespace m2mbench::test
