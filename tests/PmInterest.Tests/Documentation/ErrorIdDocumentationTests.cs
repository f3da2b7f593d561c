using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PmInterest.Commands;
using Xunit;

namespace PmInterest.Tests.Documentation;

/// <summary>
/// The error ids and categories that users read must be the ones the code writes: the table
/// under "## Errors" in README.md, the ERRORS table of about_PmInterest and the error lines of
/// the MAML help each equal <see cref="ErrorIds.All"/> as a set of (id, category) pairs. An id
/// added, removed or recategorised in the code fails all three until the documents follow.
/// </summary>
public sealed class ErrorIdDocumentationTests
{
    public const string Readme = "README.md";
    public const string AboutTopic = "src/PmInterest/en-US/about_PmInterest.help.txt";
    public const string MamlHelp = "src/PmInterest/en-US/PmInterest.dll-Help.xml";

    public static TheoryData<string> Documents() => new() { Readme, AboutTopic, MamlHelp };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_error_table_of_each_document_lists_exactly_the_ids_and_categories_of_the_code(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), document));

        var documented = ErrorTable.Read(document, text);

        var expected = ErrorIds.All.Select(p => (p.Key, p.Value.ToString())).ToHashSet();
        var missing = expected.Except(documented).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        var extra = documented.Except(expected).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            document + " does not match ErrorIds.All." +
            Environment.NewLine + "  Missing (id, category): " + Describe(missing) +
            Environment.NewLine + "  Not in the code (id, category): " + Describe(extra));
    }

    /// <summary>The readers find entries in the text itself: one category changed in it is one pair changed.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void A_category_changed_in_a_document_changes_what_is_read_from_it(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), document));
        var before = ErrorTable.Read(document, text);
        var (id, category) = before.OrderBy(p => p.Item1, StringComparer.Ordinal).First();

        var changed = Regex.Replace(text, Regex.Escape(id) + @"(`?\s*[(|]?\s*)" + Regex.Escape(category) + @"\b", m => m.Value.Replace(category, "Renamed" + category, StringComparison.Ordinal));
        var after = ErrorTable.Read(document, changed);

        Assert.NotEqual(text, changed);
        Assert.DoesNotContain((id, category), after);
        Assert.Contains((id, "Renamed" + category), after);
        Assert.Equal(before.Count, after.Count);
    }

    /// <summary>The folder that holds PmInterest.sln, found by walking up from the test assembly's folder.</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PmInterest.sln")) && Directory.Exists(Path.Combine(folder.FullName, "src", "PmInterest")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder above " + AppContext.BaseDirectory + " holds PmInterest.sln.");
    }

    private static string Describe(List<(string Id, string Category)> pairs) =>
        pairs.Count == 0 ? "none" : string.Join(", ", pairs.Select(p => p.Id + " (" + p.Category + ")"));

    /// <summary>How each document writes its error table.</summary>
    private static class ErrorTable
    {
        // README: a Markdown table under "## Errors", id in backticks, then the category.
        private static readonly Regex ReadmeRow = new(@"^\|\s*`(?<id>\w+)`\s*\|\s*(?<category>\w+)\s*\|", RegexOptions.CultureInvariant);

        // about_PmInterest: in the ERRORS section, "    <Id>   (<Category>)" alone on a line.
        private static readonly Regex AboutRow = new(@"^ {4}(?<id>\w+)\s+\((?<category>\w+)\)\s*$", RegexOptions.CultureInvariant);

        // MAML: in a cmdlet's notes (maml:alertSet), a paragraph "- <Id> (<Category>): cause".
        private static readonly Regex MamlPara = new(@"^- (?<id>\w+) \((?<category>\w+)\): ", RegexOptions.CultureInvariant);

        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";

        public static HashSet<(string, string)> Read(string document, string text) => document switch
        {
            Readme => FromLines(Section(text, l => l.StartsWith("## Errors", StringComparison.Ordinal), l => l.StartsWith("## ", StringComparison.Ordinal)), ReadmeRow),
            AboutTopic => FromLines(Section(text, l => l.TrimEnd() == "  ERRORS", l => Regex.IsMatch(l, "^ {0,2}[A-Z][A-Z ,.-]+$", RegexOptions.CultureInvariant)), AboutRow),
            MamlHelp => FromMaml(text),
            _ => throw new ArgumentOutOfRangeException(nameof(document), document, "No reader for this document."),
        };

        private static HashSet<(string, string)> FromMaml(string text)
        {
            var paragraphs = XDocument.Parse(text)
                .Descendants(Maml + "alertSet")
                .Descendants(Maml + "para")
                .Select(p => p.Value.Trim());
            return FromLines(paragraphs, MamlPara);
        }

        private static HashSet<(string, string)> FromLines(IEnumerable<string> lines, Regex row)
        {
            var pairs = new HashSet<(string, string)>();
            foreach (var line in lines)
            {
                var m = row.Match(line);
                if (m.Success)
                {
                    pairs.Add((m.Groups["id"].Value, m.Groups["category"].Value));
                }
            }

            return pairs;
        }

        /// <summary>The lines after the first that <paramref name="starts"/> it, up to the next that <paramref name="ends"/> it.</summary>
        private static IEnumerable<string> Section(string text, Func<string, bool> starts, Func<string, bool> ends)
        {
            var inside = false;
            foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                if (!inside)
                {
                    inside = starts(line);
                    continue;
                }

                if (ends(line))
                {
                    yield break;
                }

                yield return line;
            }
        }
    }
}
