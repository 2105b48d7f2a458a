// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/crypto/derivation.h"

#include <QList>
#include <QString>

#include <memory>

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::crypto {

using DerivationPtr = std::shared_ptr<const trace::KeyDerivation>;

/// Collects the derivation records of one run (or one calculator call) as a tree, and appends
/// each to a trace as an EventKind::KeyDerivation event. Not thread-safe: one per owner.
///
///     KeyRecorder keys(&trace);
///     auto kmr = keys.record(deriveKmrFromEmsk(profile, emsk, spId, nodeId));
///     auto kmc = keys.record(deriveKmc(profile, *kmr, nodeId, 1, cr, sr)); // parent: kmr
class KeyRecorder {
public:
    /// `trace` may be null (records are only kept); `idPrefix` keeps ids unique when several
    /// recorders feed one trace, e.g. "dev1." gives "dev1.Kmr#1".
    explicit KeyRecorder(trace::Trace *trace = nullptr, QString idPrefix = {});

    /// Gives the record an id, keeps it and appends it to the trace; returns the output key
    /// carrying that id, so that what is derived from it names it as parent. Errors pass
    /// through untouched.
    Result<NamedKey> record(Result<trace::KeyDerivation> derivation);

    /// Records a key that came from outside (formula id "given") and returns it with its id.
    NamedKey recordGiven(const QString &name, const SecureBytes &value, const QString &origin);

    /// The test case the next events belong to (copied into Event::testCaseId).
    void setTestCaseId(const QString &testCaseId) { m_testCaseId = testCaseId; }

    [[nodiscard]] const QList<DerivationPtr> &records() const { return m_records; }
    [[nodiscard]] DerivationPtr find(const QString &id) const;
    /// Records naming `id` as a parent, in recording order.
    [[nodiscard]] QList<DerivationPtr> children(const QString &id) const;
    /// Records without a parent recorded here.
    [[nodiscard]] QList<DerivationPtr> roots() const;

private:
    QString nextId(const QString &name);

    trace::Trace *m_trace = nullptr;
    QString m_prefix;
    QString m_testCaseId;
    int m_counter = 0;
    QList<DerivationPtr> m_records;
};

} // namespace m2mbench::crypto
