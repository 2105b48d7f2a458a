// SPDX-License-Identifier: Apache-2.0
#include "tests/crypto/crypto_test_util.h"

#include "tests/support/test_paths.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace m2mbench::crypto::test {

QByteArray hex(const char *text) {
    return hex(QString::fromLatin1(text));
}

QByteArray hex(const QString &text) {
    for (const QChar c : text) {
        if (!c.isDigit() && !(c.toLower() >= u'a' && c.toLower() <= u'f')) {
            return QByteArrayLiteral("INVALID");
        }
    }
    if (text.size() % 2 != 0) {
        return QByteArrayLiteral("INVALID");
    }
    return QByteArray::fromHex(text.toLatin1());
}

SecureBytes secret(const QByteArray &bytes) {
    return SecureBytes::fromByteArray(bytes);
}

SecureBytes secretHex(const char *text) {
    return secret(hex(text));
}

QString toHexString(const SecureBytes &bytes) {
    return bytes.exposeHex();
}

QString toHexString(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toHex());
}

QString dataPath(const QString &name) {
    return m2mbench::test::sourceDir() + QStringLiteral("/tests/data/crypto/") + name;
}

QJsonObject loadDataFile(const QString &name) {
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return QJsonObject{
            {QStringLiteral("loadError"),
             QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString())}};
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return QJsonObject{
            {QStringLiteral("loadError"), QStringLiteral("%1: %2").arg(name, error.errorString())}};
    }
    return document.object();
}

std::vector<Vector> loadVectors(const QString &file, const QString &arrayKey) {
    const QJsonObject root = loadDataFile(file);
    if (root.contains(QLatin1String("loadError"))) {
        return {Vector{"load_error", {}, root.value(QLatin1String("loadError")).toString()}};
    }
    std::vector<Vector> out;
    for (const auto &value : root.value(arrayKey).toArray()) {
        const QJsonObject object = value.toObject();
        out.push_back(
            Vector{object.value(QLatin1String("name")).toString().toStdString(), object, {}});
    }
    if (out.empty()) {
        return {
            Vector{"no_vectors", {}, QStringLiteral("%1 has no '%2' vectors").arg(file, arrayKey)}};
    }
    return out;
}

std::string vectorName(const Vector &vector) {
    std::string name = vector.name;
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            c = '_';
        }
    }
    return name;
}

void PrintTo(const Vector &vector, std::ostream *os) {
    *os << vector.name;
}

QByteArray refHmacSha256(const QByteArray &key, const QByteArray &data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()),
         static_cast<std::size_t>(data.size()), md, &size);
    return QByteArray(reinterpret_cast<const char *>(md), static_cast<qsizetype>(size));
}

QByteArray be16(quint16 value) {
    QByteArray out;
    out.append(static_cast<char>(value >> 8));
    out.append(static_cast<char>(value & 0xff));
    return out;
}

QByteArray be32(quint32 value) {
    QByteArray out;
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.append(static_cast<char>((value >> shift) & 0xff));
    }
    return out;
}

QByteArray refM2mKdf(const QByteArray &key, const QByteArray &label, const QByteArray &context,
                     int length) {
    // S = ASCII(label) || 0x00 || context || uint16_be(L)
    const QByteArray s = label + QByteArray(1, '\0') + context + be16(static_cast<quint16>(length));
    QByteArray result;
    QByteArray t; // T0 is empty, so T1 = HMAC(K, S || 0x01)
    for (int i = 1; result.size() < length; ++i) {
        t = refHmacSha256(key, t + s + QByteArray(1, static_cast<char>(i)));
        result += t;
    }
    return result.left(length);
}

QByteArray refTs33220(const QByteArray &key, char fc, const QList<QByteArray> &params) {
    QByteArray s(1, fc);
    for (const QByteArray &p : params) {
        s += p + be16(static_cast<quint16>(p.size()));
    }
    return refHmacSha256(key, s);
}

} // namespace m2mbench::crypto::test
