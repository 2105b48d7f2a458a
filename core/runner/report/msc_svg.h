// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"
#include "core/trace/sequence_model.h"

#include <vector>

namespace m2mbench::runner::report {

/// Draws the message sequence chart of some events as a standalone SVG document: lifelines
/// (the SUT marked), one arrow per message with its summary, verdict marks from the checks.
/// At most `maxRows` rows are drawn; the rest is summarised at the bottom.
QByteArray mscSvg(const std::vector<trace::Event> &events, const QList<trace::Lifeline> &lanes,
                  int maxRows = 300);

/// The same chart as PlantUML text, for engineers who keep charts in documents.
QByteArray mscPlantUml(const std::vector<trace::Event> &events,
                       const QList<trace::Lifeline> &lanes);

} // namespace m2mbench::runner::report
