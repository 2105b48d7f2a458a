// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/profile_parser.h"

#include "core/common/hex.h"
#include "core/crypto/kdf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace m2mbench::crypto::detail {

namespace {

QString typeName(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

QString join(const QString &path, const QString &key) {
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

/// Reads one profile document onto a Profile, reporting the first problem precisely.
class Parser {
public:
    explicit Parser(QString source)
        : m_source(std::move(source)) {}

    Result<void> root(const QJsonObject &object, Profile &profile);

private:
    tl::unexpected<Error> error(const QString &path, const QString &message) const {
        return fail(Error::Kind::Config,
                    QStringLiteral("profile %1: %2: %3").arg(m_source, path, message));
    }

    Result<void> knownKeys(const QJsonObject &object, const QString &path,
                           const QStringList &known) const;
    Result<QJsonObject> object(const QJsonValue &value, const QString &path) const;
    Result<QString> string(const QJsonValue &value, const QString &path) const;
    Result<qint64> integer(const QJsonValue &value, const QString &path, qint64 min,
                           qint64 max) const;
    Result<QStringList> tokens(const QJsonValue &value, const QString &path,
                               const QStringList &allowed) const;
    Result<void> derivations(const QJsonObject &object, Profile &profile) const;
    Result<void> derivation(const QJsonObject &object, const QString &path,
                            const DerivationInfo &info, DerivationSpec &spec) const;
    Result<void> gba(const QJsonObject &object, Profile &profile) const;
    Result<void> cps(const QJsonObject &object, Profile &profile) const;
    Result<void> lifetimes(const QJsonObject &object, Profile &profile) const;
    Result<void> serviceConnection(const QJsonObject &object, Profile &profile) const;
    Result<QString> label(const QJsonValue &value, const QString &path) const;

    QString m_source;
};

Result<void> Parser::knownKeys(const QJsonObject &object, const QString &path,
                               const QStringList &known) const {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("$comment")) {
            continue; // the one place for remarks: JSON has no comments
        }
        if (!known.contains(it.key())) {
            return error(join(path, it.key()),
                         QStringLiteral("unknown key (known here: %1)").arg(known.join(u", ")));
        }
    }
    return {};
}

Result<QJsonObject> Parser::object(const QJsonValue &value, const QString &path) const {
    if (!value.isObject()) {
        return error(path, QStringLiteral("expected an object, got %1").arg(typeName(value)));
    }
    return value.toObject();
}

Result<QString> Parser::string(const QJsonValue &value, const QString &path) const {
    if (!value.isString()) {
        return error(path, QStringLiteral("expected a string, got %1").arg(typeName(value)));
    }
    return value.toString();
}

Result<qint64> Parser::integer(const QJsonValue &value, const QString &path, qint64 min,
                               qint64 max) const {
    if (!value.isDouble()) {
        return error(path, QStringLiteral("expected an integer, got %1").arg(typeName(value)));
    }
    const double d = value.toDouble();
    if (std::floor(d) != d || d < static_cast<double>(min) || d > static_cast<double>(max)) {
        return error(
            path,
            QStringLiteral("expected an integer from %1 to %2, got %3").arg(min).arg(max).arg(d));
    }
    return static_cast<qint64>(d);
}

Result<QStringList> Parser::tokens(const QJsonValue &value, const QString &path,
                                   const QStringList &allowed) const {
    if (!value.isArray()) {
        return error(path,
                     QStringLiteral("expected an array of strings, got %1").arg(typeName(value)));
    }
    QStringList out;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        auto token = string(array.at(i), itemPath);
        if (!token) {
            return fail(token.error());
        }
        if (!allowed.contains(*token) && !contextLiteral(*token)) {
            return error(itemPath, QStringLiteral("'%1' is neither an input of this derivation "
                                                  "(%2) nor hex octets written 0x..")
                                       .arg(*token, allowed.join(u", ")));
        }
        out << *token;
    }
    return out;
}

Result<void> Parser::root(const QJsonObject &object, Profile &profile) {
    const QStringList known = {QStringLiteral("name"),
                               QStringLiteral("description"),
                               QStringLiteral("derivations"),
                               QStringLiteral("gba"),
                               QStringLiteral("cps"),
                               QStringLiteral("lifetimes"),
                               QStringLiteral("serviceConnection"),
                               QStringLiteral("bootstrap")};
    if (auto ok = knownKeys(object, {}, known); !ok) {
        return ok;
    }
    for (const QString &key : {QStringLiteral("name"), QStringLiteral("description")}) {
        if (!object.contains(key)) {
            continue;
        }
        auto text = string(object.value(key), key);
        if (!text) {
            return fail(text.error());
        }
        (key == QLatin1String("name") ? profile.name : profile.description) = *text;
    }
    if (object.contains(QLatin1String("bootstrap"))) {
        auto sub =
            this->object(object.value(QLatin1String("bootstrap")), QStringLiteral("bootstrap"));
        if (!sub) {
            return fail(sub.error());
        }
        if (auto ok = parseBootstrapSection(*sub, m_source, profile.bootstrap); !ok) {
            return ok;
        }
    }
    using Section = Result<void> (Parser::*)(const QJsonObject &, Profile &) const;
    const std::pair<QString, Section> sections[] = {
        {QStringLiteral("derivations"), &Parser::derivations},
        {QStringLiteral("gba"), &Parser::gba},
        {QStringLiteral("cps"), &Parser::cps},
        {QStringLiteral("lifetimes"), &Parser::lifetimes},
        {QStringLiteral("serviceConnection"), &Parser::serviceConnection},
    };
    for (const auto &[key, section] : sections) {
        if (!object.contains(key)) {
            continue;
        }
        auto sub = this->object(object.value(key), key);
        if (!sub) {
            return fail(sub.error());
        }
        if (auto ok = (this->*section)(*sub, profile); !ok) {
            return ok;
        }
    }
    return {};
}

Result<void> Parser::derivations(const QJsonObject &object, Profile &profile) const {
    QStringList known;
    for (const auto &info : derivationInfos()) {
        known << info.jsonKey;
    }
    if (auto ok = knownKeys(object, QStringLiteral("derivations"), known); !ok) {
        return ok;
    }
    for (const auto &info : derivationInfos()) {
        if (!object.contains(info.jsonKey)) {
            continue;
        }
        const QString path = join(QStringLiteral("derivations"), info.jsonKey);
        auto sub = this->object(object.value(info.jsonKey), path);
        if (!sub) {
            return fail(sub.error());
        }
        auto &spec = profile.derivations[static_cast<std::size_t>(info.id)];
        if (auto ok = derivation(*sub, path, info, spec); !ok) {
            return ok;
        }
    }
    return {};
}

Result<QString> Parser::label(const QJsonValue &value, const QString &path) const {
    auto text = string(value, path);
    if (!text) {
        return fail(text.error());
    }
    const bool ascii = std::all_of(text->begin(), text->end(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() <= 0x7e;
    });
    if (text->isEmpty() || !ascii) {
        return error(path, QStringLiteral("a label must be non-empty printable ASCII"));
    }
    return text;
}

Result<void> Parser::derivation(const QJsonObject &object, const QString &path,
                                const DerivationInfo &info, DerivationSpec &spec) const {
    const QStringList known = {QStringLiteral("label"), QStringLiteral("context"),
                               QStringLiteral("length")};
    if (auto ok = knownKeys(object, path, known); !ok) {
        return ok;
    }
    if (object.contains(QLatin1String("label"))) {
        auto text =
            label(object.value(QLatin1String("label")), join(path, QStringLiteral("label")));
        if (!text) {
            return fail(text.error());
        }
        spec.label = *text;
    }
    if (object.contains(QLatin1String("context"))) {
        auto list = tokens(object.value(QLatin1String("context")),
                           join(path, QStringLiteral("context")), info.inputs);
        if (!list) {
            return fail(list.error());
        }
        spec.context = *list;
    }
    if (object.contains(QLatin1String("length"))) {
        const QString lengthPath = join(path, QStringLiteral("length"));
        auto length = integer(object.value(QLatin1String("length")), lengthPath, 1, kMaxKdfOutput);
        if (!length) {
            return fail(length.error());
        }
        if (*length < info.minLength || *length > info.maxLength ||
            *length % info.lengthMultiple != 0) {
            return error(lengthPath,
                         QStringLiteral("%1 octets: must be %2").arg(*length).arg(info.lengthRule));
        }
        spec.length = static_cast<int>(*length);
    }
    return {};
}

Result<void> Parser::gba(const QJsonObject &object, Profile &profile) const {
    if (auto ok = knownKeys(object, QStringLiteral("gba"), {QStringLiteral("uaProtocolId")}); !ok) {
        return ok;
    }
    if (object.contains(QLatin1String("uaProtocolId"))) {
        const QString path = QStringLiteral("gba.uaProtocolId");
        auto text = string(object.value(QLatin1String("uaProtocolId")), path);
        if (!text) {
            return fail(text.error());
        }
        auto octets = fromHex(*text);
        if (!octets || octets->size() != 5) {
            return error(path, QStringLiteral("expected 5 octets in hex, e.g. \"ff00000001\""));
        }
        profile.uaProtocolId = *octets;
    }
    return {};
}

Result<void> Parser::cps(const QJsonObject &object, Profile &profile) const {
    const QStringList known = {QStringLiteral("dhGroup"), QStringLiteral("nonceLength"),
                               QStringLiteral("envelopeAad")};
    if (auto ok = knownKeys(object, QStringLiteral("cps"), known); !ok) {
        return ok;
    }
    if (object.contains(QLatin1String("dhGroup"))) {
        auto name = string(object.value(QLatin1String("dhGroup")), QStringLiteral("cps.dhGroup"));
        if (!name) {
            return fail(name.error());
        }
        const auto group = dhGroupFromName(*name);
        if (!group) {
            return error(QStringLiteral("cps.dhGroup"),
                         QStringLiteral("unknown group '%1' (known: %2)")
                             .arg(*name, dhGroupNames().join(u", ")));
        }
        profile.dhGroup = *group;
    }
    if (object.contains(QLatin1String("nonceLength"))) {
        auto n = integer(object.value(QLatin1String("nonceLength")),
                         QStringLiteral("cps.nonceLength"), 8, 64);
        if (!n) {
            return fail(n.error());
        }
        profile.cpsNonceLength = static_cast<int>(*n);
    }
    if (object.contains(QLatin1String("envelopeAad"))) {
        auto aad =
            tokens(object.value(QLatin1String("envelopeAad")), QStringLiteral("cps.envelopeAad"),
                   {QStringLiteral("entity-ID"), QStringLiteral("n"), QStringLiteral("i")});
        if (!aad) {
            return fail(aad.error());
        }
        profile.envelopeAad = *aad;
    }
    return {};
}

Result<void> Parser::lifetimes(const QJsonObject &object, Profile &profile) const {
    const std::pair<QString, qint64 Profile::*> fields[] = {
        {QStringLiteral("kmrSeconds"), &Profile::kmrLifetimeSeconds},
        {QStringLiteral("kmcSeconds"), &Profile::kmcLifetimeSeconds},
        {QStringLiteral("kasSeconds"), &Profile::kasLifetimeSeconds},
    };
    QStringList known;
    for (const auto &field : fields) {
        known << field.first;
    }
    if (auto ok = knownKeys(object, QStringLiteral("lifetimes"), known); !ok) {
        return ok;
    }
    for (const auto &[key, member] : fields) {
        if (object.contains(key)) {
            auto seconds = integer(object.value(key), join(QStringLiteral("lifetimes"), key), 1,
                                   qint64(100) * 365 * 24 * 3600);
            if (!seconds) {
                return fail(seconds.error());
            }
            profile.*member = *seconds;
        }
    }
    return {};
}

Result<void> Parser::serviceConnection(const QJsonObject &object, Profile &profile) const {
    if (auto ok = knownKeys(object, QStringLiteral("serviceConnection"),
                            {QStringLiteral("kmcConfirmLabel")});
        !ok) {
        return ok;
    }
    if (object.contains(QLatin1String("kmcConfirmLabel"))) {
        auto text = label(object.value(QLatin1String("kmcConfirmLabel")),
                          QStringLiteral("serviceConnection.kmcConfirmLabel"));
        if (!text) {
            return fail(text.error());
        }
        profile.kmcConfirmLabel = *text;
    }
    return {};
}

QPair<int, int> lineAndColumn(const QByteArray &text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

std::optional<QByteArray> contextLiteral(const QString &token) {
    if (!token.startsWith(QLatin1String("0x")) || token.size() < 4) {
        return std::nullopt;
    }
    auto octets = fromHex(QStringView(token).mid(2));
    if (!octets || token.contains(QLatin1Char(' ')) || token.contains(QLatin1Char(':'))) {
        return std::nullopt;
    }
    return *octets;
}

Result<Profile> overlayProfile(const Profile &base, const QByteArray &json,
                               const QString &sourceName) {
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        return fail(Error::Kind::Config, QStringLiteral("profile %1: line %2, column %3: %4")
                                             .arg(sourceName)
                                             .arg(line)
                                             .arg(column)
                                             .arg(parseError.errorString()));
    }
    if (!document.isObject()) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("profile %1: the document must be a JSON object").arg(sourceName));
    }
    Profile profile = base;
    Parser parser(sourceName);
    if (auto ok = parser.root(document.object(), profile); !ok) {
        return fail(ok.error());
    }
    return profile;
}

Result<void> checkComplete(const Profile &profile, const QString &sourceName) {
    QStringList missing;
    if (profile.name.isEmpty()) {
        missing << QStringLiteral("name");
    }
    for (const auto &info : derivationInfos()) {
        if (profile.spec(info.id).label.isEmpty()) {
            missing << QStringLiteral("derivations.%1").arg(info.jsonKey);
        }
    }
    if (profile.uaProtocolId.isEmpty()) {
        missing << QStringLiteral("gba.uaProtocolId");
    }
    if (profile.envelopeAad.isEmpty()) {
        missing << QStringLiteral("cps.envelopeAad");
    }
    if (profile.kmcConfirmLabel.isEmpty()) {
        missing << QStringLiteral("serviceConnection.kmcConfirmLabel");
    }
    if (profile.kmrLifetimeSeconds <= 0 || profile.kmcLifetimeSeconds <= 0 ||
        profile.kasLifetimeSeconds <= 0) {
        missing << QStringLiteral("lifetimes");
    }
    if (!missing.isEmpty()) {
        return fail(
            Error::Kind::Internal,
            QStringLiteral("profile %1 does not define: %2").arg(sourceName, missing.join(u", ")));
    }
    return {};
}

} // namespace m2mbench::crypto::detail
