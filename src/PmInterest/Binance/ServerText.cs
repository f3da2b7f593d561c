using System.Text;

namespace PmInterest.Binance;

/// <summary>
/// Makes text that came from a server safe to show: a hostile or broken server could
/// otherwise move the cursor, recolour or clear a console, forge lines in a log (CR, LF) or
/// flood it. Escape sequences (CSI, OSC and two-character ESC forms) are removed whole; other
/// control characters (C0, DEL, C1) and the bidirectional overrides that can make text read
/// differently from what it is are dropped; runs of white space become one space; the result
/// is cut to <see cref="MaxLength"/> characters.
/// </summary>
internal static class ServerText
{
    /// <summary>The longest server text shown; Binance's own messages are well under 200 characters.</summary>
    public const int MaxLength = 300;

    private const char Escape = '\u001B';
    private const string Ellipsis = "...";

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(System.Math.Min(text!.Length, MaxLength + 8));
        var i = 0;
        while (i < text.Length && sb.Length <= MaxLength)
        {
            var c = text[i];
            if (c == Escape)
            {
                i = SkipEscapeSequence(text, i);
                continue;
            }

            i++;
            if (c is '\t' or '\r' or '\n' or ' ')
            {
                if (sb.Length > 0 && sb[sb.Length - 1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else if (!IsHidden(c))
            {
                sb.Append(c);
            }
        }

        return Finish(sb, truncated: i < text.Length);
    }

    private static string Finish(StringBuilder sb, bool truncated)
    {
        if (truncated || sb.Length > MaxLength)
        {
            var keep = System.Math.Min(sb.Length, MaxLength - Ellipsis.Length);
            if (keep > 0 && char.IsHighSurrogate(sb[keep - 1]))
            {
                keep--; // never leave half of a surrogate pair
            }

            sb.Length = keep;
            sb.Append(Ellipsis);
        }

        return sb.ToString().Trim();
    }

    /// <summary>C0 (other than the white space handled by the caller), DEL, C1, and bidirectional controls.</summary>
    private static bool IsHidden(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u009F') ||
        (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') ||
        c == '\u200E' || c == '\u200F' || c == '\u061C';

    /// <summary>Returns the index after the escape sequence that starts at <paramref name="start"/>.</summary>
    private static int SkipEscapeSequence(string text, int start)
    {
        var i = start + 1;
        if (i >= text.Length)
        {
            return i;
        }

        var kind = text[i++];
        if (kind == '[')
        {
            // CSI: parameter and intermediate bytes (0x20-0x3F), then one final byte (0x40-0x7E).
            while (i < text.Length && text[i] >= ' ' && text[i] <= '?')
            {
                i++;
            }

            return i < text.Length && text[i] >= '@' && text[i] <= '~' ? i + 1 : i;
        }

        if (kind is ']' or 'P' or '_' or '^' or 'X')
        {
            // OSC, DCS and the other string commands run to BEL or ST (ESC \).
            while (i < text.Length)
            {
                if (text[i] == '\u0007')
                {
                    return i + 1;
                }

                if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
                {
                    return i + 2;
                }

                i++;
            }

            return i;
        }

        return i; // a two-character sequence such as ESC c (reset)
    }
}
