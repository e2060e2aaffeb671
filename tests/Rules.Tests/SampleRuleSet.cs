namespace Sejahtera.Rules.Tests;

/// <summary>A small rule set written for the language tests, independent of the shipped defaults.</summary>
internal static class SampleRuleSet
{
    public const string Yaml = """
        program: contoh-kube
        title: Contoh aturan KUBE
        subject: KubeProposal
        version: "2024.1"
        effective_from: 2019-01-01
        legal_basis:
          permensos-2-2019: "Permensos No. 2 Tahun 2019"
          renstra: "Renstra Dinsos NTT 2019-2023"
        parameters:
          min_anggota:
            - { from: 2019-01-01, value: 5, ref: permensos-2-2019 }
            - { from: 2024-07-01, value: 6, ref: permensos-2-2019 }
          max_anggota: [{ from: 2019-01-01, value: 20, ref: permensos-2-2019 }]
          bantuan_per_kube: [{ from: 2014-01-01, value: 10000000, ref: renstra }]
        criteria:
          - id: jumlah-anggota
            title: KUBE beranggotakan 5–20 KK
            tag: C-weak
            ref: permensos-2-2019
            when: s.Members.Count >= min_anggota && s.Members.Count <= max_anggota
            because: "KUBE beranggotakan {s.Members.Count} KK; syaratnya {min_anggota}–{max_anggota} KK"
          - id: bukan-pns
            title: Tidak ada anggota PNS/TNI/Polri atau pensiunan
            tag: C-weak
            ref: permensos-2-2019
            when: s.Members.All(m => m.Occupation != 5 && m.Occupation != 6)
            because: "{s.Members.Count(m => m.Occupation == 5 || m.Occupation == 6)} anggota PNS/TNI/Polri atau pensiunan"
        outcomes:
          - { id: layak, when: all_passed, amount: bantuan_per_kube }
          - { id: tidak-layak, when: "true" }
        tests:
          - name: enam anggota petani layak
            as_of: 2024-05-01
            given: &ok
              Id: T1
              Members: [&petani { Nik: "5307014503850001", InDtks: true, Occupation: 1 }, *petani, *petani, *petani, *petani, *petani]
            expect: { outcome: layak, amount: 10000000, failed: [] }
          - name: satu anggota PNS ditolak
            as_of: 2024-05-01
            given:
              <<: *ok
              Members: [*petani, *petani, *petani, *petani, *petani, { <<: *petani, Occupation: 5 }]
            expect: { outcome: tidak-layak, failed: [bukan-pns] }
        """;

    /// <summary>The sample with one line replaced, for the validation tests.</summary>
    public static string With(string find, string replace)
    {
        Assert.Contains(find, Yaml, StringComparison.Ordinal);
        return Yaml.Replace(find, replace, StringComparison.Ordinal);
    }

    public static int LineOf(string yaml, string text) =>
        yaml.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;
}
