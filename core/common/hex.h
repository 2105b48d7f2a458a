// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace m2mbench {

/// Lower-case hex of the bytes, no separators.
QString toHex(const QByteArray &bytes);

/// Strict hex decoding: even length, [0-9a-fA-F] only; optional ':' or ' ' separators between
/// octets are accepted. The error names the first offending position.
Result<QByteArray> fromHex(QStringView text);

/// A classic 16-bytes-per-line hex dump with offsets and printable ASCII, for inspectors and logs.
QString hexDump(const QByteArray &bytes, qsizetype maxBytes = -1);

} // namespace m2mbench
