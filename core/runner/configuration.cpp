// SPDX-License-Identifier: Apache-2.0
#include "core/runner/configuration.h"

#include "core/runner/cfg_boot.h"
#include "core/runner/cfg_dg.h"
#include "core/runner/cfg_nscl.h"
#include "core/runner/dg_connection.h"

namespace m2mbench::runner {

namespace {

struct Entry {
    ConfigurationFactory start;
    std::function<QList<trace::Lifeline>()> lifelines;
    /// Why the run's target is not for this configuration; unset: any target is.
    std::function<QString(const RunOptions &)> notApplicable = {};
};

const QMap<QString, Entry> &registry() {
    // One line per configuration; each lives in a cfg_*.cpp of its own.
    static const QMap<QString, Entry> table = {
        {QStringLiteral("CFG_NSCL"), {startNsclConfiguration, nsclConfigurationLifelines}},
        {QStringLiteral("CFG_BOOT"),
         {startBootConfiguration, bootConfigurationLifelines, bootNotApplicable}},
        // CFG_DG: the bootstrap (cfg_dg.cpp) with the service connection beside it.
        {QStringLiteral("CFG_DG"),
         {startDgServiceConfiguration, dgServiceConfigurationLifelines, dgNotApplicable}},
    };
    return table;
}

} // namespace

const QMap<QString, ConfigurationFactory> &configurations() {
    static const QMap<QString, ConfigurationFactory> factories = [] {
        QMap<QString, ConfigurationFactory> m;
        for (auto it = registry().cbegin(); it != registry().cend(); ++it) {
            m.insert(it.key(), it->start);
        }
        return m;
    }();
    return factories;
}

QList<trace::Lifeline> configurationLifelines(const QString &id) {
    const auto it = registry().find(id);
    return it == registry().end() ? QList<trace::Lifeline>() : it->lifelines();
}

QString configurationNotApplicable(const QString &id, const RunOptions &options) {
    const auto it = registry().find(id);
    return it == registry().end() || !it->notApplicable ? QString() : it->notApplicable(options);
}

} // namespace m2mbench::runner
