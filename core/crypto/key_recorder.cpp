// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/key_recorder.h"

#include "core/common/logging.h"
#include "core/crypto/key_hierarchy.h"
#include "core/trace/trace.h"

#include <charconv>
#include <iterator>

namespace m2mbench::crypto {

KeyRecorder::KeyRecorder(trace::Trace *trace, QString idPrefix)
    : m_trace(trace)
    , m_prefix(std::move(idPrefix)) {}

QString KeyRecorder::nextId(const QString &name) {
    // "<prefix><name>#<n>", put together in one buffer (QString::arg parses its pattern each
    // time, and ids are made for every key of a run).
    char digits[16];
    const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), ++m_counter);
    const QLatin1StringView number(digits, ec == std::errc() ? end - digits : 0);
    QString id;
    id.reserve(m_prefix.size() + name.size() + 1 + number.size());
    id.append(m_prefix).append(name).append(QLatin1Char('#')).append(number);
    return id;
}

Result<NamedKey> KeyRecorder::record(Result<trace::KeyDerivation> derivation) {
    if (!derivation) {
        return fail(derivation.error());
    }
    derivation->id = nextId(derivation->name);
    auto stored = std::make_shared<const trace::KeyDerivation>(std::move(*derivation));
    m_records.append(stored);
    // Names and ids only: key values never reach a log (see core/common/logging.h).
    qCDebug(lcCrypto) << "derived" << stored->id << "by" << stored->formulaId;
    if (m_trace != nullptr) {
        trace::Event event;
        event.kind = trace::EventKind::KeyDerivation;
        event.testCaseId = m_testCaseId;
        event.summary = QStringLiteral("%1 = %2").arg(stored->name, stored->formula);
        event.derivation = stored;
        m_trace->append(std::move(event));
    }
    return outputKey(*stored);
}

NamedKey KeyRecorder::recordGiven(const QString &name, const SecureBytes &value,
                                  const QString &origin) {
    // A given key cannot fail to be recorded, so the Result is always a value here.
    return *record(givenKey(name, value, origin));
}

DerivationPtr KeyRecorder::find(const QString &id) const {
    for (const auto &record : m_records) {
        if (record->id == id) {
            return record;
        }
    }
    return nullptr;
}

QList<DerivationPtr> KeyRecorder::children(const QString &id) const {
    QList<DerivationPtr> out;
    for (const auto &record : m_records) {
        if (record->parents.contains(id)) {
            out.append(record);
        }
    }
    return out;
}

QList<DerivationPtr> KeyRecorder::roots() const {
    QList<DerivationPtr> out;
    for (const auto &record : m_records) {
        const bool hasParentHere =
            std::any_of(record->parents.begin(), record->parents.end(),
                        [this](const QString &p) { return find(p) != nullptr; });
        if (!hasParentHere) {
            out.append(record);
        }
    }
    return out;
}

} // namespace m2mbench::crypto
