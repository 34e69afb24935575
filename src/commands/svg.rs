//! Charts for the HTML report, written as inline SVG: no script, no font file, nothing fetched.
//! Every text that goes in is escaped here.

use std::fmt::Write;

/// Text made safe for HTML and SVG: unsafe characters dropped (the rule of CSV cells), and the
/// five characters that mean markup escaped.
pub fn esc(text: &str) -> String {
    let clean = crate::sanitize::for_storage(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One column or bar: its label, its value (none: no bar) and the figure written by it.
pub struct Item {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

const CHART_H: f64 = 150.0;
const TOP: f64 = 20.0;
const LEFT: f64 = 10.0;

/// Columns scaled to `max`, each with its figure above it and its label under it, and a dashed
/// line at `target` (with its text) when given.
pub fn columns(
    items: &[Item],
    max: f64,
    target: Option<(f64, &str)>,
    color: &str,
    title: &str,
) -> String {
    let col_w = (640.0 / items.len().max(1) as f64).clamp(24.0, 60.0);
    let width = LEFT * 2.0 + col_w * items.len() as f64 + 90.0;
    let height = TOP + CHART_H + 24.0;
    let y = |v: f64| TOP + CHART_H * (1.0 - (v / max.max(f64::MIN_POSITIVE)).clamp(0.0, 1.0));
    let mut svg = open(width, height, title);
    for (i, item) in items.iter().enumerate() {
        let x = LEFT + col_w * i as f64;
        if let Some(v) = item.value {
            let top = y(v);
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{color}"/>"#,
                x + 3.0,
                col_w - 6.0,
                TOP + CHART_H - top
            );
        }
        let mid = x + col_w / 2.0;
        let above = item.value.map_or(TOP + CHART_H, y) - 4.0;
        let _ = write!(
            svg,
            r#"<text x="{mid:.1}" y="{above:.1}" text-anchor="middle" class="fig">{}</text><text x="{mid:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            esc(&item.text),
            TOP + CHART_H + 16.0,
            esc(&item.label)
        );
    }
    if let Some((t, text)) = target {
        let ty = y(t);
        let end = LEFT + col_w * items.len() as f64;
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{end:.1}" y2="{ty:.1}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" class="target">{}</text>"##,
            end + 6.0,
            ty + 4.0,
            esc(text)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars scaled to `max` (or the largest value), the label left and the figure right.
pub fn bars(items: &[Item], max: f64, color: &str, title: &str) -> String {
    const ROW: f64 = 24.0;
    const LABEL_W: f64 = 130.0;
    const BAR_W: f64 = 380.0;
    let max = items
        .iter()
        .filter_map(|i| i.value)
        .fold(max, f64::max)
        .max(f64::MIN_POSITIVE);
    let height = ROW * items.len() as f64 + 8.0;
    let mut svg = open(LABEL_W + BAR_W + 130.0, height, title);
    for (i, item) in items.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let w = BAR_W * item.value.unwrap_or(0.0).max(0.0) / max;
        let _ = write!(
            svg,
            r#"<text x="0" y="{:.1}">{}</text><rect x="{LABEL_W}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" class="fig">{}</text>"#,
            y + 15.0,
            esc(&item.label),
            y + 3.0,
            ROW - 8.0,
            LABEL_W + w + 6.0,
            y + 15.0,
            esc(&item.text)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(width: f64, height: f64, title: &str) -> String {
    format!(
        r#"<svg role="img" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}"><title>{}</title>"#,
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            esc("<script>\"A&B\" 'x'\u{1b}]0;t\u{7}</script>"),
            "&lt;script&gt;&quot;A&amp;B&quot; &#39;x&#39;]0;t&lt;/script&gt;"
        );
        let svg = bars(
            &[Item {
                label: "<b>".into(),
                value: Some(1.0),
                text: "1h".into(),
            }],
            0.0,
            "#000",
            "t",
        );
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"), "{svg}");
    }
}
