// SPDX-License-Identifier: Apache-2.0
#include "core/trace/verdict.h"

namespace m2mbench {

QString verdictName(Verdict v) {
    switch (v) {
    case Verdict::None: return QStringLiteral("none");
    case Verdict::Pass: return QStringLiteral("pass");
    case Verdict::Inconc: return QStringLiteral("inconc");
    case Verdict::Fail: return QStringLiteral("fail");
    case Verdict::Error: return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

std::optional<Verdict> verdictFromName(QStringView name) {
    for (Verdict v :
         {Verdict::None, Verdict::Pass, Verdict::Inconc, Verdict::Fail, Verdict::Error}) {
        if (name.compare(verdictName(v), Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return std::nullopt;
}

} // namespace m2mbench
