// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QtGlobal>

namespace m2mbench::gui {

/// A range of characters in a hex dump text.
struct TextSpan {
    int start = 0;
    int length = 0;
    friend bool operator==(const TextSpan &, const TextSpan &) = default;
};

/// The most bytes the inspector dumps. hexDump() prints line offsets with at least four digits,
/// so below 64 KiB every line has the same width and positions can be computed.
inline constexpr qsizetype kMaxDumpBytes = 0x10000;

/// The character spans that show bytes [offset, offset + length) in the text of
/// `hexDump(bytes, dumpedBytes)`: per line, one span over the hex digits and one over the ASCII
/// column. Bytes at or beyond `dumpedBytes` are not shown and give no span.
QList<TextSpan> hexDumpSpans(qsizetype offset, qsizetype length, qsizetype dumpedBytes);

} // namespace m2mbench::gui
