// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers for the crypto tests: vector files from tests/data/crypto/, and reference
// implementations written straight from the formulas (PROFILE.md, TS 33.220) on OpenSSL's
// one-shot HMAC(), an API the product code does not use, so that a test compares two routes.

#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <ostream>
#include <string>
#include <vector>

namespace m2mbench::crypto::test {

/// Hex to octets; an invalid literal in a test is a bug in the test (returns "INVALID").
QByteArray hex(const char *text);
QByteArray hex(const QString &text);
SecureBytes secret(const QByteArray &bytes);
SecureBytes secretHex(const char *text);
QString toHexString(const SecureBytes &bytes);
QString toHexString(const QByteArray &bytes);

/// The path of a file in tests/data/crypto/.
QString dataPath(const QString &name);
/// The whole JSON object of a data file; an empty object with "loadError" set when unreadable.
QJsonObject loadDataFile(const QString &name);

/// One known-answer vector, by name; `error` is set when the file could not be read, so that the
/// parameterised test fails instead of silently running zero cases.
struct Vector {
    std::string name;
    QJsonObject data;
    QString error;
};
std::vector<Vector> loadVectors(const QString &file, const QString &arrayKey);
/// gtest parameter names: the vector name with anything but [A-Za-z0-9] replaced by '_'.
std::string vectorName(const Vector &vector);
void PrintTo(const Vector &vector, std::ostream *os);

// ---- reference implementations -------------------------------------------------------------

QByteArray refHmacSha256(const QByteArray &key, const QByteArray &data);
QByteArray be16(quint16 value);
QByteArray be32(quint32 value);
/// m2m_kdf exactly as PROFILE.md writes it.
QByteArray refM2mKdf(const QByteArray &key, const QByteArray &label, const QByteArray &context,
                     int length);
/// HMAC-SHA-256(key, FC || P0 || L0 || ...) of TS 33.220 Annex B.2.
QByteArray refTs33220(const QByteArray &key, char fc, const QList<QByteArray> &params);

} // namespace m2mbench::crypto::test
