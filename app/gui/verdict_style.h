// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/verdict.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace m2mbench::gui {

/// The one colour per verdict used everywhere in the GUI (tree, chart, inspector), so that a
/// user learns it once: pass green, inconc amber, fail red, error purple, none grey.
QColor verdictColor(Verdict verdict);

/// A one-character glyph drawn inside verdict marks, so that the verdict stays readable for
/// colour-blind users and in greyscale prints.
QString verdictGlyph(Verdict verdict);

/// A small filled disc with the glyph, for item views.
QIcon verdictIcon(Verdict verdict);

} // namespace m2mbench::gui
