import { Text } from 'ink';
import type { Line, Segment, Style } from '../markdown/render.js';
import { ink, type Theme } from '../theme.js';

/** Colour of each rendered-Markdown style in a theme; undefined: the terminal's own. */
export function styleColor(style: Style, theme: Theme, cloze: boolean): string | undefined {
  switch (style) {
    case 'strong':
      return cloze ? ink(theme.cloze) : undefined;
    case 'code':
    case 'tok.string':
      return ink(theme.success);
    case 'link':
    case 'heading':
    case 'tok.key':
    case 'tok.command':
      return ink(theme.accent);
    case 'quote':
    case 'muted':
    case 'tok.comment':
    case 'tableBorder':
    case 'bullet':
    case 'tok.punct':
      return ink(theme.muted);
    case 'cloze':
      return ink(theme.cloze);
    case 'tok.number':
    case 'tok.keyword':
    case 'tok.variable':
      return ink(theme.warning);
    case 'tok.flag':
      return ink(theme.rating.easy);
    case 'good':
      return ink(theme.success);
    case 'bad':
      return ink(theme.error);
    case 'heat1':
    case 'heat2':
      return ink(theme.heat.low);
    case 'heat3':
    case 'heat4':
      return ink(theme.heat.high);
    default:
      return undefined;
  }
}

function SegmentText({
  segment,
  theme,
  cloze,
}: {
  segment: Segment;
  theme: Theme;
  cloze: boolean;
}) {
  const color = styleColor(segment.style, theme, cloze);
  const bold = segment.bold === true || segment.style === 'heading' || segment.style === 'cloze';
  // Without colour, a revealed cloze answer must still stand out: it is bold and underlined.
  const underline =
    cloze && (segment.style === 'strong' || segment.style === 'cloze') && !theme.color;
  return (
    <Text
      {...(color ? { color } : {})}
      bold={bold}
      italic={segment.italic === true}
      underline={underline}
    >
      {segment.text}
    </Text>
  );
}

/** Pre-wrapped lines, one <Text> each: the layout is exact because wrapping already happened. */
export function Lines({
  lines,
  theme,
  cloze = false,
}: {
  lines: readonly Line[];
  theme: Theme;
  cloze?: boolean;
}) {
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((segment, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <SegmentText key={j} segment={segment} theme={theme} cloze={cloze} />
              ))}
        </Text>
      ))}
    </>
  );
}
