// SPDX-License-Identifier: Apache-2.0
#include "app/gui/hex_layout.h"

#include <algorithm>

namespace m2mbench::gui {

namespace {

// The layout of one hexDump() line: "0000  " then 16 x "xx " with an extra space after the
// eighth, then " " and the 16 ASCII characters, then "\n".
constexpr int kBytesPerLine = 16;
constexpr int kOffsetWidth = 6;
constexpr int kHexWidth = kBytesPerLine * 3 + 1;
constexpr int kAsciiStart = kOffsetWidth + kHexWidth + 1;
constexpr int kLineWidth = kAsciiStart + kBytesPerLine + 1;

int hexColumn(int byteInLine) {
    return kOffsetWidth + byteInLine * 3 + (byteInLine >= 8 ? 1 : 0);
}

} // namespace

QList<TextSpan> hexDumpSpans(qsizetype offset, qsizetype length, qsizetype dumpedBytes) {
    QList<TextSpan> spans;
    dumpedBytes = std::min(dumpedBytes, kMaxDumpBytes);
    if (offset < 0 || length <= 0 || offset >= dumpedBytes) {
        return spans;
    }
    const qsizetype end = std::min(offset + length, dumpedBytes); // exclusive
    for (qsizetype at = offset; at < end;) {
        const auto line = static_cast<int>(at / kBytesPerLine);
        const auto first = static_cast<int>(at % kBytesPerLine);
        const auto last = static_cast<int>(
            std::min<qsizetype>(end - 1, (line + 1) * qsizetype{kBytesPerLine} - 1) %
            kBytesPerLine);
        const int lineStart = line * kLineWidth;
        spans.append({lineStart + hexColumn(first), hexColumn(last) + 2 - hexColumn(first)});
        spans.append({lineStart + kAsciiStart + first, last - first + 1});
        at = (line + 1) * qsizetype{kBytesPerLine};
    }
    return spans;
}

} // namespace m2mbench::gui
