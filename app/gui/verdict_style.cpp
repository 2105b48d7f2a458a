// SPDX-License-Identifier: Apache-2.0
#include "app/gui/verdict_style.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace m2mbench::gui {

QColor verdictColor(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass: return QColor(0x2e, 0x9d, 0x3a);
    case Verdict::Inconc: return QColor(0xe0, 0x9a, 0x00);
    case Verdict::Fail: return QColor(0xd3, 0x2f, 0x2f);
    case Verdict::Error: return QColor(0x8e, 0x24, 0xaa);
    case Verdict::None: break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QString verdictGlyph(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass: return QStringLiteral("\u2713");
    case Verdict::Inconc: return QStringLiteral("?");
    case Verdict::Fail: return QStringLiteral("\u2717");
    case Verdict::Error: return QStringLiteral("!");
    case Verdict::None: break;
    }
    return QStringLiteral("\u2013");
}

QIcon verdictIcon(Verdict verdict) {
    // Icons are requested for every visible cell on every repaint: build each one once.
    static QHash<int, QIcon> cache;
    const int key = static_cast<int>(verdict);
    if (auto it = cache.constFind(key); it != cache.constEnd()) {
        return *it;
    }
    constexpr int kSize = 32; // drawn large, scaled down crisply by the view
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(verdictColor(verdict));
    p.drawEllipse(QRectF(2, 2, kSize - 4, kSize - 4));
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(kSize * 2 / 3);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRect(0, 0, kSize, kSize), Qt::AlignCenter, verdictGlyph(verdict));
    p.end();
    QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

} // namespace m2mbench::gui
