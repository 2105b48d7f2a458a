// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/profile_bootstrap.h"

#include "core/common/hex.h"

#include <QJsonArray>

#include <cmath>
#include <functional>

namespace m2mbench::crypto {

namespace {

/// A strict reader of one section, reporting the first problem as "profile F: a.b.c: why".
class SectionReader {
public:
    explicit SectionReader(QString source)
        : m_source(std::move(source)) {}

    tl::unexpected<Error> error(const QString &path, const QString &why) const {
        return fail(Error::Kind::Config,
                    QStringLiteral("profile %1: %2: %3").arg(m_source, path, why));
    }

    Result<void> known(const QJsonObject &o, const QString &path, const QStringList &keys) const {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != QLatin1String("$comment") && !keys.contains(it.key())) {
                return error(path + QLatin1Char('.') + it.key(),
                             QStringLiteral("unknown key (known here: %1)").arg(keys.join(u", ")));
            }
        }
        return {};
    }

    Result<void> text(const QJsonObject &o, const QString &path, const QString &key,
                      QString &out) const {
        if (!o.contains(key)) {
            return {};
        }
        if (!o.value(key).isString() || o.value(key).toString().isEmpty()) {
            return error(path + QLatin1Char('.') + key,
                         QStringLiteral("expected a non-empty string"));
        }
        out = o.value(key).toString();
        return {};
    }

    template<typename T>
    Result<void> number(const QJsonObject &o, const QString &path, const QString &key, qint64 min,
                        qint64 max, T &out) const {
        if (!o.contains(key)) {
            return {};
        }
        const double d = o.value(key).toDouble(-1e300);
        if (!o.value(key).isDouble() || std::floor(d) != d || d < double(min) || d > double(max)) {
            return error(path + QLatin1Char('.') + key,
                         QStringLiteral("expected an integer from %1 to %2").arg(min).arg(max));
        }
        out = static_cast<T>(d);
        return {};
    }

    Result<void> numbers(const QJsonObject &o, const QString &path, const QString &key,
                         QList<quint32> &out) const {
        if (!o.contains(key)) {
            return {};
        }
        const QJsonArray a = o.value(key).toArray();
        if (!o.value(key).isArray() || a.isEmpty()) {
            return error(path + QLatin1Char('.') + key,
                         QStringLiteral("expected a non-empty array of integers"));
        }
        QList<quint32> values;
        for (const QJsonValue &v : a) {
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 4294967295.0) {
                return error(path + QLatin1Char('.') + key, QStringLiteral("expected integers"));
            }
            values << static_cast<quint32>(v.toDouble());
        }
        out = values;
        return {};
    }

private:
    QString m_source;
};

using Step = std::function<Result<void>()>;

Result<void> runAll(const QList<Step> &steps) {
    for (const Step &s : steps) {
        if (auto ok = s(); !ok) {
            return ok;
        }
    }
    return {};
}

Result<void> identities(const SectionReader &r, const QJsonObject &o, BootstrapProfile &p) {
    const QString path = QStringLiteral("bootstrap.identities");
    return runAll({
        [&] {
            return r.known(o, path,
                           {QStringLiteral("spId"), QStringLiteral("realm"),
                            QStringLiteral("msbfFqdn"), QStringLiteral("masFqdn"),
                            QStringLiteral("nodeIdUriPrefix"), QStringLiteral("identityPattern"),
                            QStringLiteral("sclIdPattern"), QStringLiteral("nsclList")});
        },
        [&] { return r.text(o, path, QStringLiteral("spId"), p.spId); },
        [&] { return r.text(o, path, QStringLiteral("realm"), p.realm); },
        [&] { return r.text(o, path, QStringLiteral("msbfFqdn"), p.msbfFqdn); },
        [&] { return r.text(o, path, QStringLiteral("masFqdn"), p.masFqdn); },
        [&] { return r.text(o, path, QStringLiteral("nodeIdUriPrefix"), p.nodeIdUriPrefix); },
        [&] { return r.text(o, path, QStringLiteral("identityPattern"), p.identityPattern); },
        [&] { return r.text(o, path, QStringLiteral("sclIdPattern"), p.sclIdPattern); },
        [&]() -> Result<void> {
            if (!o.contains(QLatin1String("nsclList"))) {
                return {};
            }
            if (!o.value(QLatin1String("nsclList")).isArray()) {
                return r.error(path + QStringLiteral(".nsclList"),
                               QStringLiteral("expected an array of strings"));
            }
            p.nsclList.clear();
            for (const QJsonValue &v : o.value(QLatin1String("nsclList")).toArray()) {
                p.nsclList << v.toString();
            }
            return {};
        },
    });
}

Result<void> timer(const SectionReader &r, const QJsonObject &parent, const QString &key,
                   RetransmissionProfile &t) {
    if (!parent.contains(key)) {
        return {};
    }
    const QString path = QStringLiteral("bootstrap.pana.") + key;
    const QJsonObject o = parent.value(key).toObject();
    return runAll({
        [&] {
            return r.known(o, path,
                           {QStringLiteral("irtMs"), QStringLiteral("mrtMs"), QStringLiteral("mrc"),
                            QStringLiteral("mrdMs")});
        },
        [&] { return r.number(o, path, QStringLiteral("irtMs"), 10, 600000, t.irtMs); },
        [&] { return r.number(o, path, QStringLiteral("mrtMs"), 0, 3600000, t.mrtMs); },
        [&] { return r.number(o, path, QStringLiteral("mrc"), 0, 1000, t.mrc); },
        [&] { return r.number(o, path, QStringLiteral("mrdMs"), 0, 86400000, t.mrdMs); },
    });
}

Result<void> pana(const SectionReader &r, const QJsonObject &o, BootstrapProfile &p) {
    const QString path = QStringLiteral("bootstrap.pana");
    constexpr qint64 u32max = 4294967295LL;
    return runAll({
        [&] {
            return r.known(o, path,
                           {QStringLiteral("vendorId"), QStringLiteral("bootstrapParamAvp"),
                            QStringLiteral("kmrSourceAvp"), QStringLiteral("prfAlgorithms"),
                            QStringLiteral("integrityAlgorithms"), QStringLiteral("nonceLength"),
                            QStringLiteral("sessionLifetimeSeconds"), QStringLiteral("pciTimer"),
                            QStringLiteral("requestTimer"), QStringLiteral("maxMessage"),
                            QStringLiteral("eapTlsFragmentSize"),
                            QStringLiteral("eapTlsMaxMessage")});
        },
        [&] { return r.number(o, path, QStringLiteral("vendorId"), 1, u32max, p.vendorId); },
        [&] {
            return r.number(o, path, QStringLiteral("bootstrapParamAvp"), 1, 65535,
                            p.bootstrapParamAvp);
        },
        [&] { return r.number(o, path, QStringLiteral("kmrSourceAvp"), 1, 65535, p.kmrSourceAvp); },
        [&] { return r.numbers(o, path, QStringLiteral("prfAlgorithms"), p.prfAlgorithms); },
        [&] {
            return r.numbers(o, path, QStringLiteral("integrityAlgorithms"), p.integrityAlgorithms);
        },
        [&] { return r.number(o, path, QStringLiteral("nonceLength"), 8, 256, p.nonceLength); },
        [&] {
            return r.number(o, path, QStringLiteral("sessionLifetimeSeconds"), 1, u32max,
                            p.sessionLifetimeSeconds);
        },
        [&] { return timer(r, o, QStringLiteral("pciTimer"), p.pciTimer); },
        [&] { return timer(r, o, QStringLiteral("requestTimer"), p.requestTimer); },
        [&] { return r.number(o, path, QStringLiteral("maxMessage"), 512, 65535, p.maxMessage); },
        [&] {
            return r.number(o, path, QStringLiteral("eapTlsFragmentSize"), 64, 16384,
                            p.eapTlsFragmentSize);
        },
        [&] {
            return r.number(o, path, QStringLiteral("eapTlsMaxMessage"), 4096, 1048576,
                            p.eapTlsMaxMessage);
        },
    });
}

Result<void> mas(const SectionReader &r, const QJsonObject &o, BootstrapProfile &p) {
    const QString path = QStringLiteral("bootstrap.mas");
    constexpr qint64 u32max = 4294967295LL;
    constexpr qint64 u24max = 16777215LL;
    return runAll({
        [&] {
            return r.known(o, path,
                           {QStringLiteral("applicationId"), QStringLiteral("vendorId"),
                            QStringLiteral("keyProvisionCommand"),
                            QStringLiteral("keyRetrievalCommand"), QStringLiteral("nodeIdAvp"),
                            QStringLiteral("keyIndexAvp"), QStringLiteral("keyAvp"),
                            QStringLiteral("keyLifetimeAvp"), QStringLiteral("sclIdAvp"),
                            QStringLiteral("watchdogSeconds")});
        },
        [&] {
            return r.number(o, path, QStringLiteral("applicationId"), 1, u32max - 1,
                            p.masApplicationId);
        },
        [&] { return r.number(o, path, QStringLiteral("vendorId"), 1, u32max, p.masVendorId); },
        [&] {
            return r.number(o, path, QStringLiteral("keyProvisionCommand"), 256, u24max,
                            p.keyProvisionCommand);
        },
        [&] {
            return r.number(o, path, QStringLiteral("keyRetrievalCommand"), 256, u24max,
                            p.keyRetrievalCommand);
        },
        [&] { return r.number(o, path, QStringLiteral("nodeIdAvp"), 1, u32max, p.nodeIdAvp); },
        [&] { return r.number(o, path, QStringLiteral("keyIndexAvp"), 1, u32max, p.keyIndexAvp); },
        [&] { return r.number(o, path, QStringLiteral("keyAvp"), 1, u32max, p.keyAvp); },
        [&] {
            return r.number(o, path, QStringLiteral("keyLifetimeAvp"), 1, u32max, p.keyLifetimeAvp);
        },
        [&] { return r.number(o, path, QStringLiteral("sclIdAvp"), 1, u32max, p.sclIdAvp); },
        [&] {
            return r.number(o, path, QStringLiteral("watchdogSeconds"), 6, 3600, p.watchdogSeconds);
        },
    });
}

QJsonObject timerJson(const RetransmissionProfile &t) {
    return {{QStringLiteral("irtMs"), t.irtMs},
            {QStringLiteral("mrtMs"), t.mrtMs},
            {QStringLiteral("mrc"), t.mrc},
            {QStringLiteral("mrdMs"), t.mrdMs}};
}

QJsonArray numbersJson(const QList<quint32> &values) {
    QJsonArray a;
    for (quint32 v : values) {
        a.append(static_cast<qint64>(v));
    }
    return a;
}

QString fill(QString pattern, const BootstrapProfile &profile, const QByteArray &nodeId) {
    return pattern.replace(QLatin1String("{node-id}"), toHex(nodeId))
        .replace(QLatin1String("{realm}"), profile.realm);
}

} // namespace

Result<void> parseBootstrapSection(const QJsonObject &object, const QString &source,
                                   BootstrapProfile &profile) {
    const SectionReader r(source);
    if (auto ok =
            r.known(object, QStringLiteral("bootstrap"),
                    {QStringLiteral("identities"), QStringLiteral("pana"), QStringLiteral("mas")});
        !ok) {
        return ok;
    }
    for (const QString &key :
         {QStringLiteral("identities"), QStringLiteral("pana"), QStringLiteral("mas")}) {
        if (object.contains(key) && !object.value(key).isObject()) {
            return r.error(QStringLiteral("bootstrap.") + key,
                           QStringLiteral("expected an object"));
        }
    }
    BootstrapProfile p = profile;
    auto ok = runAll({
        [&] { return identities(r, object.value(QLatin1String("identities")).toObject(), p); },
        [&] { return pana(r, object.value(QLatin1String("pana")).toObject(), p); },
        [&] { return mas(r, object.value(QLatin1String("mas")).toObject(), p); },
    });
    if (ok) {
        profile = p;
    }
    return ok;
}

QJsonObject bootstrapToJson(const BootstrapProfile &p) {
    return {
        {QStringLiteral("identities"),
         QJsonObject{{QStringLiteral("spId"), p.spId},
                     {QStringLiteral("realm"), p.realm},
                     {QStringLiteral("msbfFqdn"), p.msbfFqdn},
                     {QStringLiteral("masFqdn"), p.masFqdn},
                     {QStringLiteral("nodeIdUriPrefix"), p.nodeIdUriPrefix},
                     {QStringLiteral("identityPattern"), p.identityPattern},
                     {QStringLiteral("sclIdPattern"), p.sclIdPattern},
                     {QStringLiteral("nsclList"), QJsonArray::fromStringList(p.nsclList)}}},
        {QStringLiteral("pana"),
         QJsonObject{
             {QStringLiteral("vendorId"), static_cast<qint64>(p.vendorId)},
             {QStringLiteral("bootstrapParamAvp"), static_cast<qint64>(p.bootstrapParamAvp)},
             {QStringLiteral("kmrSourceAvp"), static_cast<qint64>(p.kmrSourceAvp)},
             {QStringLiteral("prfAlgorithms"), numbersJson(p.prfAlgorithms)},
             {QStringLiteral("integrityAlgorithms"), numbersJson(p.integrityAlgorithms)},
             {QStringLiteral("nonceLength"), p.nonceLength},
             {QStringLiteral("sessionLifetimeSeconds"),
              static_cast<qint64>(p.sessionLifetimeSeconds)},
             {QStringLiteral("pciTimer"), timerJson(p.pciTimer)},
             {QStringLiteral("requestTimer"), timerJson(p.requestTimer)},
             {QStringLiteral("maxMessage"), p.maxMessage},
             {QStringLiteral("eapTlsFragmentSize"), p.eapTlsFragmentSize},
             {QStringLiteral("eapTlsMaxMessage"), p.eapTlsMaxMessage}}},
        {QStringLiteral("mas"),
         QJsonObject{
             {QStringLiteral("applicationId"), static_cast<qint64>(p.masApplicationId)},
             {QStringLiteral("vendorId"), static_cast<qint64>(p.masVendorId)},
             {QStringLiteral("keyProvisionCommand"), static_cast<qint64>(p.keyProvisionCommand)},
             {QStringLiteral("keyRetrievalCommand"), static_cast<qint64>(p.keyRetrievalCommand)},
             {QStringLiteral("nodeIdAvp"), static_cast<qint64>(p.nodeIdAvp)},
             {QStringLiteral("keyIndexAvp"), static_cast<qint64>(p.keyIndexAvp)},
             {QStringLiteral("keyAvp"), static_cast<qint64>(p.keyAvp)},
             {QStringLiteral("keyLifetimeAvp"), static_cast<qint64>(p.keyLifetimeAvp)},
             {QStringLiteral("sclIdAvp"), static_cast<qint64>(p.sclIdAvp)},
             {QStringLiteral("watchdogSeconds"), p.watchdogSeconds}}},
    };
}

QString deviceIdentity(const BootstrapProfile &profile, const QByteArray &nodeId) {
    return fill(profile.identityPattern, profile, nodeId);
}

QString sclIdFor(const BootstrapProfile &profile, const QByteArray &nodeId) {
    return fill(profile.sclIdPattern, profile, nodeId);
}

} // namespace m2mbench::crypto
