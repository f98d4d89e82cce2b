namespace Portal.Web.Components.Lists;

/// <summary>
/// Where a keyset-paged list is: the cursor each visited page started after (the first page starts after nothing),
/// whether another page follows, and the page size the person chose. Pages are walked one at a time, never by offset.
/// </summary>
public sealed class KeysetPages<TCursor>
{
    // At most 50: the services clamp a page to 100 rows, and a page asks for one row more than it shows.
    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50];

    private readonly List<TCursor?> starts = [default];

    public KeysetPages(int size = 25) => Size = Sizes.Contains(size) ? size : Sizes[1];

    public int Size { get; private set; }

    /// <summary>The page shown, from 1.</summary>
    public int Number => starts.Count;

    public TCursor? After => starts[^1];

    public bool HasPrevious => starts.Count > 1;

    public bool HasNext { get; private set; }

    /// <summary>The position of the page's first row, from 1.</summary>
    public int FirstRow => ((Number - 1) * Size) + 1;

    /// <summary>How many rows to ask for: one more than a page tells whether another page follows.</summary>
    public int Fetch => Size + 1;

    /// <summary>Keeps a page's worth of what was fetched and notes whether more follow.</summary>
    public IReadOnlyList<TRow> Keep<TRow>(IReadOnlyList<TRow> fetched)
    {
        HasNext = fetched.Count > Size;
        return HasNext ? fetched.Take(Size).ToList() : fetched;
    }

    public void Next(TCursor last)
    {
        if (HasNext)
        {
            starts.Add(last);
        }
    }

    public void Previous()
    {
        if (HasPrevious)
        {
            starts.RemoveAt(starts.Count - 1);
        }
    }

    /// <summary>A new question (search, filter or page size) starts again at the first page.</summary>
    public void Restart(int? size = null)
    {
        starts.RemoveRange(1, starts.Count - 1);
        HasNext = false;
        if (size is { } chosen && Sizes.Contains(chosen))
        {
            Size = chosen;
        }
    }
}
