using System.Reflection;
using Discret.Domain.Journal;

namespace Discret.Bench;

/// <summary>
/// The app's own chaining, reached from outside: JournalChain.LinkAsync sets an entry's Seq (through the change
/// tracker) then calls <c>JournalEntry.Link(previousHash)</c>, which sets PreviousHash and Hash = JournalChain.ComputeHash(…).
/// </summary>
public static class Chain
{
    private static readonly Action<JournalEntry, long> SetSeq = typeof(JournalEntry).GetProperty(nameof(JournalEntry.Seq))!
        .GetSetMethod(nonPublic: true)!.CreateDelegate<Action<JournalEntry, long>>();

    private static readonly Action<JournalEntry, byte[]> LinkTo = typeof(JournalEntry)
        .GetMethod("Link", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(byte[])])!
        .CreateDelegate<Action<JournalEntry, byte[]>>();

    public static void Link(JournalEntry e, long seq, byte[] previousHash)
    {
        SetSeq(e, seq);
        LinkTo(e, previousHash);
    }
}
