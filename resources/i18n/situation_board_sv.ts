<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="29" />
        <source>New action</source>
        <translation>Ny åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="29" />
        <source>Edit action</source>
        <translation>Ändra åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="42" />
        <source>e.g. 17:00 or 2024-01-30 09:00 (empty: no due time)</source>
        <translation>t.ex. 17:00 eller 2024-01-30 09:00 (tomt: ingen tid)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="64" />
        <source>&amp;Action:</source>
        <translation>&amp;Åtgärd:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="64" />
        <source>Action title</source>
        <translation>Åtgärdens rubrik</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="65" />
        <source>&amp;Owner:</source>
        <translation>A&amp;nsvarig:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="65" />
        <source>Owner (person or function)</source>
        <translation>Ansvarig (person eller funktion)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="66" />
        <source>&amp;Due:</source>
        <translation>&amp;Senast:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="66" />
        <source>Due time</source>
        <translation>Senast klar</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="67" />
        <source>&amp;Priority:</source>
        <translation>&amp;Prioritet:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="67" />
        <source>Priority</source>
        <translation>Prioritet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="68" />
        <source>&amp;Status:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="68" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="69" />
        <source>S&amp;ystem:</source>
        <translation>S&amp;ystem:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="69" />
        <source>Linked system</source>
        <translation>Kopplat system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="86" />
        <source>Due time in the past</source>
        <translation>Tiden har redan passerat</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/action.py" line="87" />
        <source>The due time %1 has already passed. Save anyway?</source>
        <translation>Tiden %1 har redan passerat. Spara ändå?</translation>
    </message>
</context>
<context>
    <name>ActionsModel</name>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="51" />
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="52" />
        <source>Owner</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="53" />
        <source>Due</source>
        <translation>Senast</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="54" />
        <source>Priority</source>
        <translation>Prioritet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="55" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="134" />
        <source>Overdue</source>
        <translation>Försenad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="136" />
        <source>Due within the hour</source>
        <translation>Ska vara klar inom en timme</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="152" />
        <source>%1 · OVERDUE %2</source>
        <translation>%1 · FÖRSENAD %2</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="165" />
        <source>Due %1</source>
        <translation>Senast %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/actions.py" line="167" />
        <source>System: %1</source>
        <translation>System: %1</translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="23" />
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="28" />
        <source>Actions</source>
        <translation>Åtgärder</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="43" />
        <source>Filter actions by status</source>
        <translation>Filtrera åtgärder på status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="44" />
        <source>Open and in progress</source>
        <translation>Öppna och pågående</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="45" />
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="53" />
        <source>Filter actions by owner</source>
        <translation>Filtrera åtgärder på ansvarig</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="54" />
        <source>All owners</source>
        <translation>Alla ansvariga</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="58" />
        <source>Done (K)</source>
        <translation>Klar (K)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="60" />
        <source>Mark selected action done</source>
        <translation>Markera vald åtgärd som klar</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="62" />
        <source>New action… (Ctrl+Shift+A)</source>
        <translation>Ny åtgärd… (Ctrl+Skift+A)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="64" />
        <source>New action</source>
        <translation>Ny åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="83" />
        <source>%1 open</source>
        <translation>%1 öppna</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="86" />
        <source>1 OVERDUE</source>
        <translation>1 FÖRSENAD</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/actions_panel.py" line="88" />
        <source>%1 OVERDUE</source>
        <translation>%1 FÖRSENADE</translation>
    </message>
</context>
<context>
    <name>CloseEventDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="39" />
        <source>Close event</source>
        <translation>Avsluta händelse</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="43" />
        <source>Event:</source>
        <translation>Händelse:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="43" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="44" />
        <source>&amp;Reason:</source>
        <translation>&amp;Motivering:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="44" />
        <source>Reason for closing</source>
        <translation>Skäl till avslut</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="31" />
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="34" />
        <source>Sync conflicts</source>
        <translation>Synkkonflikter</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="47" />
        <source>Two stations changed the same field while they could not reach the shared store. The newer change was kept on every station; the other is listed here. Correct the board if the kept value is wrong, then mark the conflict reviewed.</source>
        <translation>Två stationer ändrade samma fält medan de inte nådde den gemensamma databasen. Den nyare ändringen behölls på alla stationer; den andra visas här. Rätta lägesbilden om det behållna värdet är fel och markera sedan konflikten som granskad.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="53" />
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="54" />
        <source>Show reviewed conflicts too</source>
        <translation>Visa även granskade konflikter</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="56" />
        <source>Mark reviewed</source>
        <translation>Markera granskad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="57" />
        <source>Mark the selected conflict reviewed</source>
        <translation>Markera vald konflikt som granskad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="61" />
        <location filename="../../situation_board/ui/dialogs/conflicts.py" line="62" />
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="45" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="46" />
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="47" />
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="48" />
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="49" />
        <source>Staff briefing</source>
        <translation>Stabsorientering</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="52" />
        <source>name</source>
        <translation>namn</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="53" />
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="54" />
        <source>supplier</source>
        <translation>leverantör</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="55" />
        <source>affected processes</source>
        <translation>berörda processer</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="56" />
        <source>reserve routine active</source>
        <translation>reservrutin aktiv</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="57" />
        <source>reserve routine since</source>
        <translation>reservrutin sedan</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="58" />
        <source>reserve routine</source>
        <translation>reservrutin</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="59" />
        <source>workaround</source>
        <translation>alternativ lösning</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="60" />
        <location filename="../../situation_board/ui/models/conflicts.py" line="61" />
        <source>prognosis</source>
        <translation>prognos</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="62" />
        <source>personal data may be affected</source>
        <translation>personuppgifter kan vara berörda</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="63" />
        <source>next update</source>
        <translation>nästa uppdatering</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="64" />
        <source>title</source>
        <translation>rubrik</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="65" />
        <source>owner</source>
        <translation>ansvarig</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="66" />
        <source>due</source>
        <translation>senast</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="67" />
        <source>priority</source>
        <translation>prioritet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="68" />
        <source>linked system</source>
        <translation>kopplat system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="69" />
        <source>reported</source>
        <translation>rapporterad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="70" />
        <source>reference</source>
        <translation>referens</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="71" />
        <source>reason for the delay</source>
        <translation>skäl till försening</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="72" />
        <source>time</source>
        <translation>tid</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="73" />
        <source>deleted</source>
        <translation>borttagen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="78" />
        <source>Detected</source>
        <translation>Upptäckt</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="79" />
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="80" />
        <source>Kept value (newer)</source>
        <translation>Behållet värde (nyare)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="81" />
        <source>Lost value</source>
        <translation>Förlorat värde</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="82" />
        <source>Reviewed</source>
        <translation>Granskad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="123" />
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/conflicts.py" line="123" />
        <source>no</source>
        <translation>nej</translation>
    </message>
</context>
<context>
    <name>DocumentFlows</name>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="60" />
        <source>Could not create the document</source>
        <translation>Dokumentet kunde inte skapas</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="69" />
        <source>Print %1</source>
        <translation>Skriv ut %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="86" />
        <source>Save as PDF</source>
        <translation>Spara som PDF</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="100" />
        <source>Saved %1 (%2 pages)</source>
        <translation>Sparade %1 (%2 sidor)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="173" />
        <source>Export the journal (CSV)</source>
        <translation>Exportera journalen (CSV)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="193" />
        <source>Saved %1</source>
        <translation>Sparade %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="202" />
        <source>Choose an empty folder for the archive package</source>
        <translation>Välj en tom mapp för arkivpaketet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="224" />
        <source>Archive package</source>
        <translation>Arkivpaket</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/documents.py" line="226" />
        <source>The archive package was written to %1: %2 files and a SHA-256 manifest (check it with: sha256sum -c SHA256SUMS).</source>
        <translation>Arkivpaketet skrevs till %1: %2 filer och ett SHA-256-manifest (kontrollera med: sha256sum -c SHA256SUMS).</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="26" />
        <source>New journal entry</source>
        <translation>Ny journalpost</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="26" />
        <source>Correct entry %1</source>
        <translation>Rätta post %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="50" />
        <source>now (or e.g. 14:35 or 2024-01-29 14:35)</source>
        <translation>nu (eller t.ex. 14:35 eller 2024-01-29 14:35)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="51" />
        <location filename="../../situation_board/ui/dialogs/entry.py" line="59" />
        <source>Hide from the wall display</source>
        <translation>Dölj på väggskärmen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="53" />
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="53" />
        <source>Entry text</source>
        <translation>Postens text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="54" />
        <source>&amp;Category:</source>
        <translation>&amp;Kategori:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="54" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="55" />
        <source>&amp;Medium:</source>
        <translation>&amp;Medium:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="55" />
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="56" />
        <source>&amp;From:</source>
        <translation>&amp;Från:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="56" />
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="57" />
        <source>&amp;To:</source>
        <translation>&amp;Till:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="57" />
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="58" />
        <source>&amp;Occurred:</source>
        <translation>&amp;Händelsetid:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/entry.py" line="58" />
        <source>Occurred time</source>
        <translation>Händelsetid</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../situation_board/ui/app.py" line="73" />
        <source>Unexpected error</source>
        <translation>Oväntat fel</translation>
    </message>
</context>
<context>
    <name>Flows</name>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="77" />
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="131" />
        <source>Readiness level decided</source>
        <translation>Beredskapsläget beslutat</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="144" />
        <source>Event started</source>
        <translation>Händelsen startad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="163" />
        <source>Event closed</source>
        <translation>Händelsen avslutad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="186" />
        <source>System saved</source>
        <translation>Systemet sparat</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="208" />
        <source>Action saved</source>
        <translation>Åtgärden sparad</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/flows.py" line="216" />
        <source>Done: %1</source>
        <translation>Klar: %1</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/common.py" line="38" />
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/common.py" line="44" />
        <location filename="../../situation_board/ui/dialogs/common.py" line="45" />
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/common.py" line="47" />
        <location filename="../../situation_board/ui/dialogs/common.py" line="48" />
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="44" />
        <source>Shift handover</source>
        <translation>Överlämning</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="50" />
        <source>Handover brief (live preview)</source>
        <translation>Överlämningsunderlag (förhandsvisning)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="53" />
        <source>Outgoing (hands over)</source>
        <translation>Avgående (lämnar över)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="56" />
        <source>Incoming (takes over)</source>
        <translation>Tillträdande (tar över)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="59" />
        <source>Note from the outgoing shift</source>
        <translation>Anteckning från avgående pass</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="63" />
        <source>Acknowledged by (incoming, by name)</source>
        <translation>Kvitterad av (tillträdande, med namn)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="64" />
        <source>the incoming person types their name</source>
        <translation>den som tar över skriver sitt namn</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="70" />
        <source>Sign and acknowledge</source>
        <translation>Signera och kvittera</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="71" />
        <source>Sign and acknowledge the handover</source>
        <translation>Signera och kvittera överlämningen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="73" />
        <source>Print…</source>
        <translation>Skriv ut…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="74" />
        <source>Print the handover</source>
        <translation>Skriv ut överlämningen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="76" />
        <source>Save as PDF…</source>
        <translation>Spara som PDF…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="77" />
        <source>Save the handover as PDF</source>
        <translation>Spara överlämningen som PDF</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="79" />
        <location filename="../../situation_board/ui/dialogs/handover.py" line="80" />
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="84" />
        <source>&amp;Outgoing:</source>
        <translation>&amp;Avgående:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="85" />
        <source>&amp;Incoming:</source>
        <translation>&amp;Tillträdande:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="86" />
        <source>&amp;Note:</source>
        <translation>A&amp;nteckning:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="87" />
        <source>&amp;Acknowledged by:</source>
        <translation>&amp;Kvitterad av:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="122" />
        <source>Handover (preview, not signed)</source>
        <translation>Överlämning (förhandsvisning, ej kvitterad)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="130" />
        <source>%1 journal entries since the last handover.</source>
        <translation>%1 journalposter sedan förra överlämningen.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/handover.py" line="168" />
        <source>Signed. The handover and the acknowledgement are in the journal.</source>
        <translation>Signerad. Överlämningen och kvittensen finns i journalen.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="23" />
        <source>Who is working at this station?</source>
        <translation>Vem arbetar vid den här stationen?</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="34" />
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="34" />
        <source>Your name</source>
        <translation>Ditt namn</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="35" />
        <source>&amp;Function:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="35" />
        <source>Your function</source>
        <translation>Din funktion</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="36" />
        <source>&amp;Station code:</source>
        <translation>&amp;Stationskod:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="36" />
        <source>Station code, e.g. V1</source>
        <translation>Stationskod, t.ex. V1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="37" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/identity.py" line="40" />
        <source>Your name and function are recorded on everything you enter. The station code starts this station's journal numbers (V1-0001); each station in the room needs its own.</source>
        <translation>Ditt namn och din funktion registreras på allt du för in. Stationskoden inleder stationens journalnummer (V1-0001); varje station i rummet behöver en egen.</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="111" />
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="112" />
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="113" />
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="114" />
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="115" />
        <source>Author</source>
        <translation>Författare</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="252" />
        <source>rec. %1</source>
        <translation>reg. %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="266" />
        <source>Correction of %1:</source>
        <translation>Rättelse av %1:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="269" />
        <source>corrected by %1</source>
        <translation>rättad av %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="271" />
        <source>hidden from wall</source>
        <translation>dold på väggskärmen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="280" />
        <source>Occurred %1</source>
        <translation>Händelsetid %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/journal.py" line="281" />
        <source>Recorded %1</source>
        <translation>Registrerad %1</translation>
    </message>
</context>
<context>
    <name>JournalPanel</name>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="45" />
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="50" />
        <source>Staff journal</source>
        <translation>Stabsjournal</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="62" />
        <source>Search text, author, number… (Ctrl+F)</source>
        <translation>Sök text, författare, nummer… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="63" />
        <source>Search the journal</source>
        <translation>Sök i journalen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="69" />
        <source>Filter journal by category</source>
        <translation>Filtrera journalen på kategori</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="70" />
        <source>All categories</source>
        <translation>Alla kategorier</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="71" />
        <source>Significant (decisions, significant events)</source>
        <translation>Väsentligt (beslut, väsentliga händelser)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="72" />
        <source>All but system entries</source>
        <translation>Alla utom systemposter</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="79" />
        <source>Filter journal by period</source>
        <translation>Filtrera journalen på period</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="83" />
        <source>Whole event</source>
        <translation>Hela händelsen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="84" />
        <source>Last hour</source>
        <translation>Senaste timmen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="85" />
        <source>Last 12 hours</source>
        <translation>Senaste 12 timmarna</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="86" />
        <source>Last 24 hours</source>
        <translation>Senaste dygnet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="87" />
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="95" />
        <source>from</source>
        <translation>från</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="96" />
        <source>Journal period from</source>
        <translation>Journalperiod från</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="100" />
        <source>until</source>
        <translation>till</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="101" />
        <source>Journal period until</source>
        <translation>Journalperiod till</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="106" />
        <source>Newest first</source>
        <translation>Nyast först</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="108" />
        <source>Show newest entries first</source>
        <translation>Visa nyaste posterna först</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="112" />
        <source>Correct…</source>
        <translation>Rätta…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="114" />
        <source>Write a correction of the selected entry</source>
        <translation>Skriv en rättelse av vald post</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="127" />
        <source>Selected journal entry</source>
        <translation>Vald journalpost</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="155" />
        <source>%1 entries</source>
        <translation>%1 poster</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="157" />
        <source>%1 of %2 entries</source>
        <translation>%1 av %2 poster</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="213" />
        <source>Select an entry to read it in full.</source>
        <translation>Välj en post för att läsa den i sin helhet.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="219" />
        <source>occurred %1</source>
        <translation>händelsetid %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="222" />
        <source>recorded %1</source>
        <translation>registrerad %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="236" />
        <source>Corrects %1: %2</source>
        <translation>Rättar %1: %2</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/journal_panel.py" line="246" />
        <source>Corrected by %1: %2</source>
        <translation>Rättad av %1: %2</translation>
    </message>
</context>
<context>
    <name>LevelBanner</name>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="29" />
        <source>Readiness level</source>
        <translation>Beredskapsläge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="46" />
        <source>Change readiness level… (Ctrl+B)</source>
        <translation>Ändra beredskapsläge… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="48" />
        <source>Change readiness level</source>
        <translation>Ändra beredskapsläge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="83" />
        <source>No active event — start one with File → New event</source>
        <translation>Ingen aktiv händelse — starta en med Arkiv → Ny händelse</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="91" />
        <source>EXERCISE</source>
        <translation>ÖVNING</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="95" />
        <source>No level decision recorded for this event</source>
        <translation>Inget beslut om beredskapsläge registrerat för händelsen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="99" />
        <source>since %1 · decided by %2 · %3</source>
        <translation>sedan %1 · beslut: %2 · %3</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="104" />
        <source>Reason: %1</source>
        <translation>Motivering: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="120" />
        <source>Next: %1 %2 (%3)</source>
        <translation>Nästa: %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="129" />
        <source>%1: report %2</source>
        <translation>%1: rapportera %2</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/level_banner.py" line="136" />
        <source>%1: OVERDUE since %2</source>
        <translation>%1: FÖRSENAD sedan %2</translation>
    </message>
</context>
<context>
    <name>LevelDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="28" />
        <source>Change readiness level</source>
        <translation>Ändra beredskapsläge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="35" />
        <source>Region</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="52" />
        <source>No decisions yet</source>
        <translation>Inga beslut ännu</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="53" />
        <source>&amp;Level:</source>
        <translation>&amp;Beredskapsläge:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="53" />
        <source>Readiness level</source>
        <translation>Beredskapsläge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="54" />
        <source>&amp;Scope:</source>
        <translation>&amp;Omfattning:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="54" />
        <source>Scope (region or unit)</source>
        <translation>Omfattning (regionen eller en enhet)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="55" />
        <source>&amp;Decided by:</source>
        <translation>Beslut &amp;av:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="55" />
        <source>Decided by</source>
        <translation>Beslut av</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="56" />
        <source>&amp;Reason:</source>
        <translation>&amp;Motivering:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="56" />
        <source>Reason</source>
        <translation>Motivering</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="57" />
        <source>History:</source>
        <translation>Historik:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/level.py" line="57" />
        <source>Decision history</source>
        <translation>Beslutshistorik</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="44" />
        <location filename="../../situation_board/ui/main_window.py" line="285" />
        <source>Situation board</source>
        <translation>Lägesbild</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="131" />
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="132" />
        <source>&amp;New event…</source>
        <translation>&amp;Ny händelse…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="134" />
        <source>&amp;Close event…</source>
        <translation>&amp;Avsluta händelse…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="142" />
        <source>Open &amp;wall display</source>
        <translation>Öppna &amp;väggskärm</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="145" />
        <source>&amp;Who am I…</source>
        <translation>&amp;Vem arbetar här…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="148" />
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="153" />
        <source>&amp;Quit</source>
        <translation>A&amp;vsluta programmet</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="156" />
        <source>&amp;Board</source>
        <translation>&amp;Lägesbild</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="158" />
        <source>Change &amp;readiness level…</source>
        <translation>Ändra &amp;beredskapsläge…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="162" />
        <source>New affected &amp;system…</source>
        <translation>Nytt berört &amp;system…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="166" />
        <source>New &amp;action…</source>
        <translation>Ny &amp;åtgärd…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="170" />
        <source>&amp;Quick entry</source>
        <translation>&amp;Snabbpost</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="174" />
        <source>New journal &amp;entry…</source>
        <translation>Ny journal&amp;post…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="182" />
        <source>&amp;Search the journal</source>
        <translation>Sö&amp;k i journalen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="189" />
        <source>Sync &amp;now</source>
        <translation>Synka &amp;nu</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="193" />
        <source>Sync &amp;conflicts…</source>
        <translation>Synk&amp;konflikter…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="198" />
        <source>Re&amp;load</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="206" />
        <source>&amp;Documents</source>
        <translation>&amp;Dokument</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="208" />
        <source>Shift &amp;handover…</source>
        <translation>&amp;Överlämning…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="212" />
        <source>Situation &amp;report (MSB)…</source>
        <translation>&amp;Lägesbild (MSB)…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="221" />
        <source>&amp;Print the board (one A4 page)…</source>
        <translation>Skriv &amp;ut tavlan (en A4-sida)…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="228" />
        <source>Save the board as PDF…</source>
        <translation>Spara tavlan som PDF…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="232" />
        <source>Print the &amp;journal…</source>
        <translation>Skriv ut &amp;journalen…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="236" />
        <source>Save the journal as PDF…</source>
        <translation>Spara journalen som PDF…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="240" />
        <source>Export the journal for Excel (CSV)…</source>
        <translation>Exportera journalen till Excel (CSV)…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="245" />
        <source>Closure &amp;archive package…</source>
        <translation>&amp;Arkivpaket för diarieföring…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="248" />
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="259" />
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="262" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="268" />
        <source>&amp;About</source>
        <translation>&amp;Om</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="324" />
        <source>No shared store is configured (store_url).</source>
        <translation>Ingen gemensam databas är inställd (store_url).</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="364" />
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="365" />
        <source>The language changes the next time the program starts.</source>
        <translation>Språket byts nästa gång programmet startas.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="372" />
        <source>Quick entry: type, then Enter saves</source>
        <translation>Snabbpost: skriv, Enter sparar</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="373" />
        <source>Journal entry with all fields</source>
        <translation>Journalpost med alla fält</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="374" />
        <source>Mark the selected action done (in the actions table)</source>
        <translation>Markera vald åtgärd som klar (i åtgärdstabellen)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="375" />
        <source>Edit the selected system or action</source>
        <translation>Ändra valt system eller vald åtgärd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="376" />
        <source>Search the journal</source>
        <translation>Sök i journalen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="377" />
        <source>Go to systems / actions / journal</source>
        <translation>Gå till system / åtgärder / journal</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="397" />
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="402" />
        <source>About</source>
        <translation>Om</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/main_window.py" line="403" />
        <source>Situation board %1 — for the regional special healthcare command.</source>
        <translation>Lägesbild %1 — för regional särskild sjukvårdsledning.</translation>
    </message>
</context>
<context>
    <name>NewEventDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="15" />
        <source>New event</source>
        <translation>Ny händelse</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="18" />
        <source>This is an exercise (ÖVNING)</source>
        <translation>Detta är en övning (ÖVNING)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="22" />
        <source>now (or e.g. 13:10)</source>
        <translation>nu (eller t.ex. 13:10)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="23" />
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="23" />
        <source>Event name</source>
        <translation>Händelsens namn</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="24" />
        <source>Exercise</source>
        <translation>Övning</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="25" />
        <source>&amp;Started:</source>
        <translation>&amp;Starttid:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/event.py" line="25" />
        <source>Start time</source>
        <translation>Starttid</translation>
    </message>
</context>
<context>
    <name>OtherEventsBar</name>
    <message>
        <location filename="../../situation_board/ui/panels/notice.py" line="29" />
        <source>Close the other open event</source>
        <translation>Avsluta den andra öppna händelsen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/notice.py" line="47" />
        <source>Another event is also open: “%1” (started %2). Two stations started an event each while they could not reach each other; the board shows the most recent one. Close the other, or keep it open.</source>
        <translation>Ytterligare en händelse är öppen: ”%1” (startad %2). Två stationer startade var sin händelse när de inte nådde varandra; lägesbilden visar den senaste. Avsluta den andra, eller låt den vara öppen.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/notice.py" line="54" />
        <source>Close “%1”…</source>
        <translation>Avsluta ”%1”…</translation>
    </message>
</context>
<context>
    <name>QuickEntry</name>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="36" />
        <source>Log:</source>
        <translation>Logga:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="42" />
        <source>Quick journal entry</source>
        <translation>Snabbpost i journalen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="44" />
        <source>Type a journal entry and press Enter (Ctrl+L) · Ctrl+Enter: more fields</source>
        <translation>Skriv en journalpost och tryck Enter (Ctrl+L) · Ctrl+Enter: fler fält</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="47" />
        <source>Save (Enter)</source>
        <translation>Spara (Enter)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="49" />
        <source>Save journal entry</source>
        <translation>Spara journalposten</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="50" />
        <source>More fields… (Ctrl+Enter)</source>
        <translation>Fler fält… (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="52" />
        <source>Open the full journal entry dialog</source>
        <translation>Öppna hela journalpostdialogen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="79" />
        <source>The text must not be empty.</source>
        <translation>Texten får inte vara tom.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="87" />
        <source>Personal identity number?</source>
        <translation>Personnummer?</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="89" />
        <source>The text looks like it contains a personal identity number. Patient data does not belong on the board.

Save anyway? The entry will be hidden from the wall display.</source>
        <translation>Texten ser ut att innehålla ett personnummer. Patientuppgifter hör inte hemma på lägesbilden.

Spara ändå? Posten döljs då på väggskärmen.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/quick_entry.py" line="107" />
        <source>Saved as %1</source>
        <translation>Sparad som %1</translation>
    </message>
</context>
<context>
    <name>SituationReportDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="40" />
        <source>Situation report (MSB structure)</source>
        <translation>Lägesbild (MSB:s struktur)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="45" />
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="46" />
        <source>Contact person and phone number</source>
        <translation>Kontaktperson och telefonnummer</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="53" />
        <source>Copy as text</source>
        <translation>Kopiera som text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="54" />
        <source>Copy the situation report as text</source>
        <translation>Kopiera lägesbilden som text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="56" />
        <source>Print…</source>
        <translation>Skriv ut…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="57" />
        <source>Print the situation report</source>
        <translation>Skriv ut lägesbilden</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="59" />
        <source>Save as PDF…</source>
        <translation>Spara som PDF…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="60" />
        <source>Save the situation report as PDF</source>
        <translation>Spara lägesbilden som PDF</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="64" />
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="65" />
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="74" />
        <source>&amp;Contact person:</source>
        <translation>&amp;Kontaktperson:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="99" />
        <source>Staff text: %1</source>
        <translation>Stabens text: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="100" />
        <source>The staff's assessment and additions…</source>
        <translation>Stabens bedömning och tillägg…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="128" />
        <source>%1 sections still without staff text</source>
        <translation>%1 avsnitt saknar ännu stabens text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="130" />
        <source>All sections completed</source>
        <translation>Alla avsnitt ifyllda</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/situation_report.py" line="137" />
        <source>Copied — paste it into WIS or an e-mail.</source>
        <translation>Kopierad — klistra in i WIS eller ett e-postmeddelande.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="27" />
        <location filename="../../situation_board/ui/panels/status_bar.py" line="63" />
        <source>Sync: no shared store configured</source>
        <translation>Synk: ingen gemensam databas inställd</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="32" />
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="33" />
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="34" />
        <source>Sync state</source>
        <translation>Synkroniseringsläge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="35" />
        <source>Clock</source>
        <translation>Klocka</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="48" />
        <source>Station %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="67" />
        <source>Sync: UPDATE REQUIRED</source>
        <translation>Synk: UPPDATERING KRÄVS</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="69" />
        <source>Sync: never succeeded</source>
        <translation>Synk: aldrig lyckats</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="71" />
        <source>Sync: %1</source>
        <translation>Synk: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="72" />
        <source>%1 pending</source>
        <translation>%1 väntar</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="74" />
        <source>conflicts: %1</source>
        <translation>konflikter: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="76" />
        <source>clock</source>
        <translation>klockan</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="79" />
        <source>Shared store: %1</source>
        <translation>Gemensam databas: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="82" />
        <source>Last successful sync: %1</source>
        <translation>Senast lyckade synk: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="87" />
        <source>Error: %1</source>
        <translation>Fel: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="92" />
        <source>Next attempt %1</source>
        <translation>Nästa försök %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="101" />
        <source>just now</source>
        <translation>nyss</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="103" />
        <source>%1 s ago</source>
        <translation>för %1 s sedan</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="105" />
        <source>%1 min ago</source>
        <translation>för %1 min sedan</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/status_bar.py" line="106" />
        <source>%1 h ago</source>
        <translation>för %1 h sedan</translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <location filename="../../situation_board/ui/sync_bridge.py" line="105" />
        <source>Password for the shared store</source>
        <translation>Lösenord till den gemensamma databasen</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/sync_bridge.py" line="107" />
        <source>No password for %1 is saved in this computer's keyring.
Password (kept in memory until the program closes):</source>
        <translation>Inget lösenord för %1 finns sparat i datorns nyckelring.
Lösenord (hålls i minnet tills programmet stängs):</translation>
    </message>
</context>
<context>
    <name>SystemDialog</name>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="28" />
        <source>New affected system</source>
        <translation>Nytt berört system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="28" />
        <source>Edit system</source>
        <translation>Ändra system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="44" />
        <location filename="../../situation_board/ui/dialogs/system.py" line="79" />
        <source>Reserve routine active</source>
        <translation>Reservrutin aktiv</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="62" />
        <source>no prognosis — or a time, or a text</source>
        <translation>ingen prognos — eller en tid, eller en text</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="63" />
        <location filename="../../situation_board/ui/dialogs/system.py" line="85" />
        <source>Personal data may be affected</source>
        <translation>Personuppgifter kan vara berörda</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="69" />
        <source>e.g. 16:00 or 2024-01-30 09:00</source>
        <translation>t.ex. 16:00 eller 2024-01-30 09:00</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="73" />
        <source>Written to the journal (required when the status changes)</source>
        <translation>Skrivs i journalen (krävs när statusen ändras)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="75" />
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="75" />
        <source>System name</source>
        <translation>Systemets namn</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="76" />
        <source>&amp;Status:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="76" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="77" />
        <source>Su&amp;pplier:</source>
        <translation>&amp;Leverantör:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="77" />
        <source>Supplier</source>
        <translation>Leverantör</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="78" />
        <source>Affected &amp;processes:</source>
        <translation>Berörda &amp;processer:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="78" />
        <source>Affected processes</source>
        <translation>Berörda processer</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="80" />
        <source>&amp;Reserve routine:</source>
        <translation>&amp;Reservrutin:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="80" />
        <source>Reserve routine</source>
        <translation>Reservrutin</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="82" />
        <source>&amp;Workaround:</source>
        <translation>A&amp;lternativ lösning:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="82" />
        <source>Workaround or alternative solution</source>
        <translation>Alternativ lösning</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="84" />
        <source>Pro&amp;gnosis:</source>
        <translation>Pro&amp;gnos:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="84" />
        <source>Prognosis</source>
        <translation>Prognos</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="86" />
        <source>Next &amp;update:</source>
        <translation>Nästa &amp;uppdatering:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="86" />
        <source>Next update due</source>
        <translation>Nästa uppdatering senast</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="87" />
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/dialogs/system.py" line="87" />
        <source>Comment for the journal</source>
        <translation>Kommentar till journalen</translation>
    </message>
</context>
<context>
    <name>SystemsModel</name>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="32" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="33" />
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="34" />
        <location filename="../../situation_board/ui/models/systems.py" line="118" />
        <source>Reserve routine</source>
        <translation>Reservrutin</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="35" />
        <location filename="../../situation_board/ui/models/systems.py" line="119" />
        <source>Workaround</source>
        <translation>Alternativ lösning</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="36" />
        <source>Prognosis</source>
        <translation>Prognos</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="37" />
        <source>Next update</source>
        <translation>Nästa uppdatering</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="38" />
        <location filename="../../situation_board/ui/models/systems.py" line="117" />
        <source>Supplier</source>
        <translation>Leverantör</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="90" />
        <source>personal data</source>
        <translation>personuppgifter</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="95" />
        <source>Active since %1</source>
        <translation>Aktiv sedan %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="95" />
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="101" />
        <source>no prognosis</source>
        <translation>ingen prognos</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="105" />
        <source>%1 · not received</source>
        <translation>%1 · har inte kommit</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="114" />
        <source>Status since %1</source>
        <translation>Status sedan %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="116" />
        <source>Processes</source>
        <translation>Processer</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/models/systems.py" line="124" />
        <source>Personal data may be affected</source>
        <translation>Personuppgifter kan vara berörda</translation>
    </message>
</context>
<context>
    <name>SystemsPanel</name>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="20" />
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="22" />
        <source>Affected systems</source>
        <translation>Berörda system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="34" />
        <source>New system… (Ctrl+Shift+S)</source>
        <translation>Nytt system… (Ctrl+Skift+S)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="36" />
        <source>New affected system</source>
        <translation>Nytt berört system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="38" />
        <source>Edit…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="40" />
        <source>Edit selected system</source>
        <translation>Ändra valt system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/panels/systems_panel.py" line="50" />
        <source>%1 systems, %2 down or unknown</source>
        <translation>%1 system, %2 ur funktion eller okänt läge</translation>
    </message>
</context>
<context>
    <name>WallList</name>
    <message>
        <location filename="../../situation_board/ui/wall/widgets.py" line="174" />
        <source>Page %1/%2</source>
        <translation>Sida %1/%2</translation>
    </message>
</context>
<context>
    <name>WallView</name>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="68" />
        <source>Situation board — wall display</source>
        <translation>Lägesbild — väggskärm</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="91" />
        <source>Affected systems</source>
        <translation>Berörda system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="92" />
        <source>Open actions</source>
        <translation>Öppna åtgärder</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="93" />
        <source>Latest significant entries</source>
        <translation>Senaste väsentliga poster</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="96" />
        <location filename="../../situation_board/ui/wall/view.py" line="275" />
        <source>EXERCISE</source>
        <translation>ÖVNING</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="178" />
        <source>The shared database cannot be reached.</source>
        <translation>Den gemensamma databasen går inte att nå.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="180" />
        <source>The wall display cannot log in to the shared database.</source>
        <translation>Väggskärmen kan inte logga in i den gemensamma databasen.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="182" />
        <source>The wall display lacks permission in the shared database.</source>
        <translation>Väggskärmen saknar behörighet i den gemensamma databasen.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="184" />
        <source>The program on the wall display needs to be updated.</source>
        <translation>Programmet på väggskärmen behöver uppdateras.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="186" />
        <source>Updates from the shared database fail.</source>
        <translation>Uppdateringarna från den gemensamma databasen misslyckas.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="187" />
        <source>Contact the log keeper or IT.</source>
        <translation>Kontakta loggisten eller IT.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="228" />
        <source>Next: %1 %2 (%3)</source>
        <translation>Nästa: %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="241" />
        <source>Last updated %1</source>
        <translation>Senast uppdaterad %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="249" />
        <source>DATA MAY BE OLD — the board shows the situation at %1 (%2)</source>
        <translation>UPPGIFTERNA KAN VARA GAMLA — tavlan visar läget kl. %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="253" />
        <source>DATA MAY BE OLD — no update received yet</source>
        <translation>UPPGIFTERNA KAN VARA GAMLA — ingen uppdatering har kommit än</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="256" />
        <source>No successful sync. Contact the log keeper or IT.</source>
        <translation>Ingen lyckad synkronisering. Kontakta loggisten eller IT.</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="342" />
        <source>%1 down</source>
        <translation>%1 ur funktion</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="347" />
        <source>%1 unknown</source>
        <translation>%1 okänt läge</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="369" />
        <source>OVERDUE %1 · due %2</source>
        <translation>FÖRSENAD %1 · senast %2</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="268" />
        <source>NO ACTIVE EVENT</source>
        <translation>INGEN AKTIV HÄNDELSE</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="279" />
        <source>since %1 · decision: %2 · %3</source>
        <translation>sedan %1 · beslut: %2 · %3</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="297" />
        <source>Reserve routine active</source>
        <translation>Reservrutin aktiv</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="305" />
        <source>No prognosis</source>
        <translation>Ingen prognos</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="317" />
        <source>Promised update at %1 did not come</source>
        <translation>Utlovad uppdatering kl. %1 har inte kommit</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="330" />
        <source>Workaround: %1</source>
        <translation>Alternativ lösning: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="300" />
        <location filename="../../situation_board/ui/wall/view.py" line="303" />
        <source>Prognosis: %1</source>
        <translation>Prognos: %1</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="352" />
        <source>No affected systems</source>
        <translation>Inga berörda system</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="391" />
        <source>%1 open</source>
        <translation>%1 öppna</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="394" />
        <source>1 OVERDUE</source>
        <translation>1 FÖRSENAD</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="396" />
        <source>%1 OVERDUE</source>
        <translation>%1 FÖRSENADE</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="399" />
        <source>No open actions</source>
        <translation>Inga öppna åtgärder</translation>
    </message>
    <message>
        <location filename="../../situation_board/ui/wall/view.py" line="419" />
        <source>No significant entries yet</source>
        <translation>Inga väsentliga poster ännu</translation>
    </message>
</context>
</TS>
