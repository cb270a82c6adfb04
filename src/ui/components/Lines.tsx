import { Text } from 'ink';
import type { Line, Segment } from '../markdown/render.js';
import { isBold, styleColor } from '../style.js';
import type { Theme } from '../theme.js';

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
  const bold = isBold(segment);
  // Without colour, a revealed cloze answer must still stand out: it is bold and underlined.
  const underline =
    cloze && (segment.style === 'strong' || segment.style === 'cloze') && !theme.color;
  return (
    <Text
      {...(color ? { color } : {})}
      bold={bold}
      italic={segment.italic === true}
      inverse={segment.inverse === true}
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
