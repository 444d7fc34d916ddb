<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditTab</name>
    <message numerus="yes">
        <source>%n event(s) shown.</source>
        <translation>
            <numerusform>%n event shown.</numerusform><numerusform>%n events shown.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source> — %n failed unlock attempt(s) since the last unlock</source>
        <translation>
            <numerusform> — %n failed unlock attempt since the last unlock</numerusform><numerusform> — %n failed unlock attempts since the last unlock</numerusform></translation>
    </message>
    <message numerus="yes">
        <source> — no verified backup in the last %n day(s) (Ctrl+B)</source>
        <translation>
            <numerusform> — no verified backup in the last %n day (Ctrl+B)</numerusform><numerusform> — no verified backup in the last %n days (Ctrl+B)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform><numerusform>%n patients</numerusform></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message numerus="yes">
        <source>%n page(s) — nothing is saved to disk</source>
        <translation>
            <numerusform>%n page — nothing is saved to disk</numerusform><numerusform>%n pages — nothing is saved to disk</numerusform></translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message numerus="yes">
        <source>%n difference(s) to resolve.</source>
        <translation>
            <numerusform>%n difference to resolve.</numerusform><numerusform>%n differences to resolve.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n dose(s) not compared: ask the dose.</source>
        <translation>
            <numerusform>%n dose not compared: ask the dose.</numerusform><numerusform>%n doses not compared: ask the dose.</numerusform></translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message numerus="yes">
        <source>%n unsigned note(s)</source>
        <translation>
            <numerusform>%n unsigned note</numerusform><numerusform>%n unsigned notes</numerusform></translation>
    </message>
</context>
<context>
    <name>TapersTab</name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform><numerusform>%n steps</numerusform></translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message numerus="yes">
        <source>%1: %n value(s) from %2 to %3, the latest %4 on %5</source>
        <translation>
            <numerusform>%1: %n value from %2 to %3, the latest %4 on %5</numerusform><numerusform>%1: %n values from %2 to %3, the latest %4 on %5</numerusform></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <source>more than %n day(s) ago. Make one today.</source>
        <translation>
            <numerusform>more than %n day ago. Make one today.</numerusform><numerusform>more than %n days ago. Make one today.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n due</numerusform><numerusform>%n due</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform><numerusform>%n overdue</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>…and %n more patients; each chart lists its own.</source>
        <translation>
            <numerusform>…and %n more patients; each chart lists its own.</numerusform><numerusform>…and %n more patients; each chart lists its own.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n draft note(s) to sign</source>
        <translation>
            <numerusform>%n draft note to sign</numerusform><numerusform>%n draft notes to sign</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>…and %n more, later ones; each chart lists its own.</source>
        <translation>
            <numerusform>…and %n more, later ones; each chart lists its own.</numerusform><numerusform>…and %n more, later ones; each chart lists its own.</numerusform></translation>
    </message>
</context>
</TS>