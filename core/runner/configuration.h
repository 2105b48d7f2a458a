// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/nodes/network_thread.h"
#include "core/protocol/mid/xsd_validator.h"
#include "core/runner/pixit.h"
#include "core/trace/sequence_model.h"
#include "core/trace/trace.h"

#include <QList>
#include <QMap>
#include <QPair>

#include <functional>
#include <memory>

namespace m2mbench::runner {

struct RunOptions;
class TestContext;

/// What a configuration may use to set up its nodes for a run.
struct SessionInputs {
    const RunOptions &options;
    Pixit &pixit; ///< a configuration may set items it learns (e.g. the base path of a URL)
    trace::Trace &trace;
    /// Where the emulated nodes live, and the embedded reference nodes with them: one event
    /// loop, so a step to the embedded SUT costs no thread wake-up (see docs/architecture.md).
    nodes::NetworkThread &net;
    std::shared_ptr<mid::XsdValidator> validator;
};

/// The nodes of one configuration (CFG_NSCL, CFG_BOOT, ...) for the length of a run: the SUT
/// (named, or the bench's own reference node) and the emulated peers the scripts drive.
class ConfigurationSession {
public:
    virtual ~ConfigurationSession() = default;
    /// The lanes of the sequence chart, the SUT marked.
    [[nodiscard]] virtual QList<trace::Lifeline> lifelines() const = 0;
    /// What is under test, in words: the URL, or "embedded reference NSCL at ...".
    [[nodiscard]] virtual QString target() const = 0;
    [[nodiscard]] virtual bool embedded() const = 0;
    /// The objects a script reaches as ctx.<name> during one test case, parented to `context`.
    virtual QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) = 0;
};

using ConfigurationFactory =
    std::function<Result<std::unique_ptr<ConfigurationSession>>(SessionInputs &inputs)>;

/// Every configuration this bench can set up, by id.
const QMap<QString, ConfigurationFactory> &configurations();

/// The lifelines a configuration draws, without starting it (empty for unknown ids).
QList<trace::Lifeline> configurationLifelines(const QString &id);

/// Why a configuration cannot test the run's target (the run names a SUT of another role), for
/// the selection plan; empty when it can.
QString configurationNotApplicable(const QString &id, const RunOptions &options);

} // namespace m2mbench::runner
