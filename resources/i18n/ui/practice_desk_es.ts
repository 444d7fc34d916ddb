<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Practice Desk</source>
        <translation>Acerca de Practice Desk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Practice Desk&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Practice Desk&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Offline, encrypted medication management for small psychiatric practices. It makes no network connection: the practice file, its key file and its backups stay where you put them.</source>
        <translation>Gestión de medicamentos cifrada y sin conexión para consultas psiquiátricas pequeñas. No se conecta a ninguna red: el archivo de la consulta, su archivo de claves y sus copias de seguridad se quedan donde usted los guarde.</translation>
    </message>
    <message>
        <source>Practice Desk is built on open-source components, each under its own licence. Qt and PySide6 are used under the GNU LGPL version 3 as separate, replaceable libraries. The notices below say which components are inside, under which licence, and where their source code is.</source>
        <translation>Practice Desk está hecho con componentes de código abierto, cada uno con su propia licencia. Qt y PySide6 se usan bajo la GNU LGPL versión 3 como bibliotecas separadas y reemplazables. Los avisos de abajo indican qué componentes incluye, bajo qué licencia y dónde está su código fuente.</translation>
    </message>
    <message>
        <source>Third-party notices</source>
        <translation>Avisos de terceros</translation>
    </message>
</context>
<context>
    <name>ActiveMedicationsModel</name>
    <message>
        <source>Medication</source>
        <translation>Medicamento</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>Indicaciones</translation>
    </message>
    <message>
        <source>Daily dose</source>
        <translation>Dosis diaria</translation>
    </message>
    <message>
        <source>This dose since</source>
        <translation>Esta dosis desde</translation>
    </message>
    <message>
        <source>Prescriber</source>
        <translation>Prescriptor</translation>
    </message>
    <message>
        <source>%1 (external)</source>
        <translation>%1 (externo)</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Agregar un usuario</translation>
    </message>
    <message>
        <source>lower case, e.g. nurse.jo</source>
        <translation>en minúsculas, p. ej. enfermera.jo</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Nurse (no prescribing, signing or medication changes)</source>
        <translation>Enfermería (sin recetar, firmar ni cambiar medicamentos)</translation>
    </message>
    <message>
        <source>Prescriber (everything)</source>
        <translation>Prescriptor (todo)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>Nombre co&amp;mpleto:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
</context>
<context>
    <name>AllergyEditor</name>
    <message>
        <source>severity not known</source>
        <translation>gravedad desconocida</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>Substance</source>
        <translation>Sustancia</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reacción</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>&amp;Add allergy</source>
        <translation>&amp;Añadir alergia</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>No known drug allergies (asked)</source>
        <translation>Sin alergias conocidas a medicamentos (preguntado)</translation>
    </message>
    <message>
        <source>drug or class, e.g. penicillins</source>
        <translation>medicamento o grupo, p. ej., penicilinas</translation>
    </message>
    <message>
        <source>e.g. hives</source>
        <translation>p. ej., urticaria</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>comprobada</translation>
    </message>
    <message>
        <source>The safety check reads this substance.</source>
        <translation>La comprobación de seguridad reconoce esta sustancia.</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>sin comprobar</translation>
    </message>
    <message>
        <source>Not a drug or class Practice Desk knows: no check can warn about it. Choose a name from the list if there is one.</source>
        <translation>No es un medicamento ni un grupo que Practice Desk conozca: ninguna comprobación puede avisar de ella. Elija un nombre de la lista si lo hay.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>opened the chart</source>
        <extracomment>How each recorded action reads in the table.</extracomment>
        <translation>abrió el expediente</translation>
    </message>
    <message>
        <source>registered the patient</source>
        <translation>registró al paciente</translation>
    </message>
    <message>
        <source>changed patient details</source>
        <translation>cambió los datos del paciente</translation>
    </message>
    <message>
        <source>archived the patient</source>
        <translation>archivó al paciente</translation>
    </message>
    <message>
        <source>restored the patient from the archive</source>
        <translation>sacó al paciente del archivo</translation>
    </message>
    <message>
        <source>started a medication</source>
        <translation>inició un medicamento</translation>
    </message>
    <message>
        <source>changed a dose</source>
        <translation>cambió una dosis</translation>
    </message>
    <message>
        <source>stopped a medication</source>
        <translation>suspendió un medicamento</translation>
    </message>
    <message>
        <source>marked a medication entered in error</source>
        <translation>marcó un medicamento como registrado por error</translation>
    </message>
    <message>
        <source>overrode a contraindication</source>
        <translation>hizo una excepción a una contraindicación</translation>
    </message>
    <message>
        <source>recorded a lab result</source>
        <translation>registró un resultado de laboratorio</translation>
    </message>
    <message>
        <source>recorded a rating scale</source>
        <translation>registró una escala de evaluación</translation>
    </message>
    <message>
        <source>booked a follow-up</source>
        <translation>programó un seguimiento</translation>
    </message>
    <message>
        <source>booked a visit</source>
        <translation>dio una cita</translation>
    </message>
    <message>
        <source>moved a visit</source>
        <translation>cambió una cita</translation>
    </message>
    <message>
        <source>cancelled a visit</source>
        <translation>canceló una cita</translation>
    </message>
    <message>
        <source>marked a visit attended</source>
        <translation>marcó que acudió a una cita</translation>
    </message>
    <message>
        <source>marked a visit not attended</source>
        <translation>marcó que no acudió a una cita</translation>
    </message>
    <message>
        <source>started a taper</source>
        <translation>inició una reducción gradual</translation>
    </message>
    <message>
        <source>held a taper step</source>
        <translation>mantuvo un paso de la reducción gradual</translation>
    </message>
    <message>
        <source>extended a taper step</source>
        <translation>prolongó un paso de la reducción gradual</translation>
    </message>
    <message>
        <source>stepped a taper back</source>
        <translation>regresó un paso en la reducción gradual</translation>
    </message>
    <message>
        <source>re-planned a taper</source>
        <translation>replanificó una reducción gradual</translation>
    </message>
    <message>
        <source>logged withdrawal symptoms</source>
        <translation>registró síntomas de abstinencia</translation>
    </message>
    <message>
        <source>ended a taper</source>
        <translation>terminó una reducción gradual</translation>
    </message>
    <message>
        <source>wrote a prescription</source>
        <translation>escribió una receta</translation>
    </message>
    <message>
        <source>previewed a prescription</source>
        <translation>vio la vista previa de una receta</translation>
    </message>
    <message>
        <source>printed a prescription</source>
        <translation>imprimió una receta</translation>
    </message>
    <message>
        <source>reprinted a prescription</source>
        <translation>reimprimió una receta</translation>
    </message>
    <message>
        <source>voided a prescription</source>
        <translation>anuló una receta</translation>
    </message>
    <message>
        <source>printed a document</source>
        <translation>imprimió un documento</translation>
    </message>
    <message>
        <source>saved a document as an unencrypted PDF</source>
        <translation>guardó un documento como PDF sin cifrar</translation>
    </message>
    <message>
        <source>started a visit note</source>
        <translation>empezó una nota de visita</translation>
    </message>
    <message>
        <source>edited a draft note</source>
        <translation>editó un borrador de nota</translation>
    </message>
    <message>
        <source>signed a visit note</source>
        <translation>firmó una nota de visita</translation>
    </message>
    <message>
        <source>added an addendum</source>
        <translation>agregó un anexo</translation>
    </message>
    <message>
        <source>saw this chart&apos;s notes in a search of all patients</source>
        <translation>vio notas de este expediente al buscar en todos los pacientes</translation>
    </message>
    <message>
        <source>was refused an action</source>
        <translation>intentó una acción no permitida</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Audit trail of this chart</source>
        <translation>Registro de auditoría de este expediente</translation>
    </message>
    <message>
        <source>Everyone who opened or changed this chart, newest first.</source>
        <translation>Todas las personas que abrieron o cambiaron este expediente, lo más reciente primero.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) shown.</source>
        <translation>
            <numerusform>Se muestra %n evento.</numerusform>
            <numerusform>Se muestran %n eventos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up the practice</source>
        <translation>Hacer una copia de seguridad de la consulta</translation>
    </message>
    <message>
        <source>Backup drives</source>
        <translation>Unidades para la copia de seguridad</translation>
    </message>
    <message>
        <source>%1 — %2 (%3 GB free)</source>
        <translation>%1 — %2 (%3 GB libres)</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Elegir una carpeta…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer la copia ahora</translation>
    </message>
    <message>
        <source>Last verified backup: %1</source>
        <translation>Última copia de seguridad verificada: %1</translation>
    </message>
    <message>
        <source>No verified backup yet.</source>
        <translation>Todavía no hay ninguna copia de seguridad verificada.</translation>
    </message>
    <message>
        <source>Back up to:</source>
        <translation>Guardar la copia en:</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>Elija la carpeta para la copia de seguridad</translation>
    </message>
    <message>
        <source>Choose a drive or folder first.</source>
        <translation>Primero elija una unidad o carpeta.</translation>
    </message>
    <message>
        <source>Backing up… the practice stays usable.</source>
        <translation>Haciendo la copia de seguridad… puede seguir usando la consulta.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was left on the drive.</source>
        <translation>Cancelado. No quedó nada en la unidad.</translation>
    </message>
    <message>
        <source>The backup failed unexpectedly; nothing was left on the drive.</source>
        <translation>La copia de seguridad falló inesperadamente; no quedó nada en la unidad.</translation>
    </message>
    <message>
        <source>✓ Backup written and verified: %1. You can remove the drive.</source>
        <translation>✓ Copia de seguridad guardada y verificada: %1. Ya puede retirar la unidad.</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Move the visit — %1</source>
        <translation>Cambiar la cita — %1</translation>
    </message>
    <message>
        <source>Book a visit — %1</source>
        <translation>Dar una cita — %1</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>e.g. fasting for labs (optional)</source>
        <translation>p. ej., en ayunas para análisis (opcional)</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Día:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Hora:</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>D&amp;uración:</translation>
    </message>
    <message>
        <source>&amp;Kind of visit:</source>
        <translation>&amp;Tipo de consulta:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Nota:</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Cambiar</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Dar cita</translation>
    </message>
    <message>
        <source>Discard this booking?</source>
        <translation>¿Descartar esta cita?</translation>
    </message>
    <message>
        <source>The visit has not been booked. Close without booking it?</source>
        <translation>La cita no se ha guardado. ¿Cerrar sin guardarla?</translation>
    </message>
</context>
<context>
    <name>ChartBanner</name>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>%1 y · born %2 · Chart %3</source>
        <translation>%1 años · nacido/a el %2 · Historia %3</translation>
    </message>
    <message>
        <source>ARCHIVED</source>
        <translation>ARCHIVADO</translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation>Alergias:</translation>
    </message>
    <message>
        <source>No known drug allergies</source>
        <translation>Sin alergias conocidas a medicamentos</translation>
    </message>
    <message>
        <source>Allergies not recorded: ask the patient</source>
        <translation>Alergias sin registrar: pregunte al paciente</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>sin comprobar</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Summary</source>
        <extracomment>(title, prescriber only) for every chart tab, in reading order. Titles stay English here (they key ``ChartView.tabs``); the tab shows them translated.</extracomment>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Medications</source>
        <translation>Medicamentos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Scales</source>
        <translation>Escalas</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>Laboratorios</translation>
    </message>
    <message>
        <source>Tapers</source>
        <translation>Reducción gradual</translation>
    </message>
    <message>
        <source>Prescriptions</source>
        <translation>Recetas</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Auditoría</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>Medication handout</source>
        <translation>Hoja informativa del medicamento</translation>
    </message>
    <message>
        <source>Visit summary</source>
        <translation>Resumen de la visita</translation>
    </message>
    <message>
        <source>Medication list</source>
        <translation>Lista de medicamentos</translation>
    </message>
    <message>
        <source>Taper calendar</source>
        <translation>Calendario de reducción gradual</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Language of the document</source>
        <translation>Idioma del documento</translation>
    </message>
    <message>
        <source>Medication the handout is about</source>
        <translation>Medicamento de la hoja informativa</translation>
    </message>
    <message>
        <source>Instructions for the patient, printed on the summary (optional)</source>
        <translation>Instrucciones para el paciente, impresas en el resumen (opcional)</translation>
    </message>
    <message>
        <source>Instructions for the patient</source>
        <translation>Instrucciones para el paciente</translation>
    </message>
    <message>
        <source>Taper for the calendar</source>
        <translation>Reducción gradual del calendario</translation>
    </message>
    <message>
        <source>Medication:</source>
        <translation>Medicamento:</translation>
    </message>
    <message>
        <source>Instructions:</source>
        <translation>Instrucciones:</translation>
    </message>
    <message>
        <source>Every active medication, with directions, as on the chart today.</source>
        <translation>Todos los medicamentos activos, con sus indicaciones, tal como están hoy en el expediente.</translation>
    </message>
    <message>
        <source>Taper:</source>
        <translation>Reducción gradual:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Preview the document</source>
        <translation>Ver la vista previa del documento</translation>
    </message>
    <message>
        <source>Print the previewed document</source>
        <translation>Imprimir el documento de la vista previa</translation>
    </message>
    <message>
        <source>Save the previewed document as an unencrypted PDF</source>
        <translation>Guardar el documento de la vista previa como PDF sin cifrar</translation>
    </message>
    <message>
        <source>A saved PDF is not encrypted.</source>
        <translation>Un PDF guardado no está cifrado.</translation>
    </message>
    <message>
        <source>Document status</source>
        <translation>Estado del documento</translation>
    </message>
    <message>
        <source>Problem with the document</source>
        <translation>Problema con el documento</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Documento:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Choose a document</source>
        <translation>Elija un documento</translation>
    </message>
    <message>
        <source>The chart changed: press Preview again to see the latest.</source>
        <translation>El expediente cambió: pulse Vista previa otra vez para ver lo más reciente.</translation>
    </message>
    <message>
        <source>Choose a document and press Preview.</source>
        <translation>Elija un documento y pulse Vista previa.</translation>
    </message>
    <message>
        <source>Choose a patient to print their documents.</source>
        <translation>Elija un paciente para imprimir sus documentos.</translation>
    </message>
    <message>
        <source> — on this patient&apos;s list</source>
        <translation> — en la lista de este paciente</translation>
    </message>
    <message>
        <source>%1 from %2 mg a day, starting %3</source>
        <translation>%1 desde %2 mg al día, a partir del %3</translation>
    </message>
    <message>
        <source>No taper in progress</source>
        <translation>Ninguna reducción gradual en curso</translation>
    </message>
    <message>
        <source>The choice changed: press Preview to see the document.</source>
        <translation>La selección cambió: pulse Vista previa para ver el documento.</translation>
    </message>
    <message>
        <source>Choose the medication the handout is about.</source>
        <translation>Elija el medicamento de la hoja informativa.</translation>
    </message>
    <message>
        <source>Handout: %1, %2</source>
        <translation>Hoja informativa: %1, %2</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>There is no taper in progress to make a calendar for.</source>
        <translation>No hay ninguna reducción gradual en curso para hacer un calendario.</translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation>Sin vista previa.</translation>
    </message>
    <message>
        <source>%1 — ready to print or save.</source>
        <translation>%1 — listo para imprimir o guardar.</translation>
    </message>
    <message>
        <source>%1 — sent to the printer.</source>
        <translation>%1 — enviado a la impresora.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>The saved PDF will NOT be encrypted: anyone who can open the file can read this patient&apos;s information. Keep it only where your practice&apos;s records policy allows, and delete it when it is no longer needed.

Save it anyway?</source>
        <translation>El PDF guardado NO estará cifrado: cualquier persona que pueda abrir el archivo podrá leer la información de este paciente. Guárdelo solo donde lo permita la política de expedientes de su consulta y bórrelo cuando ya no lo necesite.

¿Guardarlo de todos modos?</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>No se guardó.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved (%1). Nothing was written.</source>
        <translation>No se pudo guardar el PDF (%1). No se escribió nada.</translation>
    </message>
    <message>
        <source>Saved to %1 (not encrypted).</source>
        <translation>Guardado en %1 (sin cifrar).</translation>
    </message>
</context>
<context>
    <name>DoseChart</name>
    <message>
        <source>Dose curve: daily mg by date</source>
        <extracomment>The &quot;how to take&quot; column keeps at least this much room (Spanish headers are longer).</extracomment>
        <translation>Curva de dosis: mg diarios por fecha</translation>
    </message>
    <message>
        <source>No taper plan to show yet.</source>
        <translation>Todavía no hay un plan de retirada que mostrar.</translation>
    </message>
    <message>
        <source>Daily dose (mg) by date</source>
        <translation>Dosis diaria (mg) por fecha</translation>
    </message>
    <message>
        <source>Daily dose (mg)</source>
        <translation>Dosis diaria (mg)</translation>
    </message>
</context>
<context>
    <name>DoseTimes</name>
    <message>
        <source>morning</source>
        <translation>mañana</translation>
    </message>
    <message>
        <source>noon</source>
        <translation>mediodía</translation>
    </message>
    <message>
        <source>evening</source>
        <translation>tarde</translation>
    </message>
    <message>
        <source>bedtime</source>
        <translation>al acostarse</translation>
    </message>
    <message>
        <source>%1 dose</source>
        <translation>dosis de %1</translation>
    </message>
    <message>
        <source>(none ticked: once a day)</source>
        <translation>(ninguna marcada: una vez al día)</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>⚠ OVERDUE by 1 day</source>
        <translation>⚠ ATRASADO por 1 día</translation>
    </message>
    <message>
        <source>⚠ OVERDUE by %1 days</source>
        <translation>⚠ ATRASADO por %1 días</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>pendiente hoy</translation>
    </message>
    <message>
        <source>due tomorrow</source>
        <translation>pendiente mañana</translation>
    </message>
    <message>
        <source>due in %1 days</source>
        <translation>pendiente en %1 días</translation>
    </message>
</context>
<context>
    <name>LabResultsModel</name>
    <message>
        <source>Date</source>
        <extracomment>Message styles by level: alerts need action, high/low need a look, the rest are information.</extracomment>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Interpretación</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Rango</translation>
    </message>
    <message>
        <source>in words: not checked</source>
        <translation>en palabras: no se verifica</translation>
    </message>
    <message>
        <source>no range: judge clinically</source>
        <translation>sin rango: valorar clínicamente</translation>
    </message>
    <message>
        <source>within range</source>
        <translation>dentro del rango</translation>
    </message>
    <message>
        <source>▼ low</source>
        <translation>▼ bajo</translation>
    </message>
    <message>
        <source>▲ high</source>
        <translation>▲ alto</translation>
    </message>
    <message>
        <source>⚠ ALERT: low</source>
        <translation>⚠ ALERTA: bajo</translation>
    </message>
    <message>
        <source>⚠ ALERT: high</source>
        <translation>⚠ ALERTA: alto</translation>
    </message>
</context>
<context>
    <name>LabsTab</name>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Result as a number</source>
        <translation>Resultado como número</translation>
    </message>
    <message>
        <source>Unit of the result</source>
        <translation>Unidad del resultado</translation>
    </message>
    <message>
        <source>Result in words</source>
        <translation>Resultado en palabras</translation>
    </message>
    <message>
        <source>e.g. negative, 128/82, normal</source>
        <translation>p. ej. negativo, 128/82, normal</translation>
    </message>
    <message>
        <source>Date the sample was taken</source>
        <translation>Fecha en que se tomó la muestra</translation>
    </message>
    <message>
        <source>&amp;Save result</source>
        <translation>&amp;Guardar resultado</translation>
    </message>
    <message>
        <source>What the result means</source>
        <translation>Qué significa el resultado</translation>
    </message>
    <message>
        <source>&amp;Test:</source>
        <translation>&amp;Prueba:</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Número:</translation>
    </message>
    <message>
        <source>or in &amp;words:</source>
        <translation>o en pa&amp;labras:</translation>
    </message>
    <message>
        <source>&amp;Taken on:</source>
        <translation>&amp;Fecha de toma:</translation>
    </message>
    <message>
        <source>Enter a result</source>
        <translation>Registrar un resultado</translation>
    </message>
    <message>
        <source>Monitoring due</source>
        <translation>Monitoreo pendiente</translation>
    </message>
    <message>
        <source>Double-click a row to enter that result.</source>
        <translation>Haga doble clic en una fila para registrar ese resultado.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Past results</source>
        <translation>Resultados anteriores</translation>
    </message>
    <message>
        <source>Results (newest first)</source>
        <translation>Resultados (lo más reciente primero)</translation>
    </message>
    <message>
        <source>No patient is open.</source>
        <translation>No hay ningún paciente abierto.</translation>
    </message>
    <message>
        <source>(enter in words)</source>
        <translation>(escríbalo en palabras)</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>No se guardó:</translation>
    </message>
    <message>
        <source>Saved %1 result of %2.</source>
        <translation>Se guardó el resultado de %1 del %2.</translation>
    </message>
    <message>
        <source>“%1” is recorded as written; results in words are not checked.</source>
        <translation>“%1” se registra tal como está escrito; los resultados en palabras no se verifican.</translation>
    </message>
    <message>
        <source>ALERT:</source>
        <translation>ALERTA:</translation>
    </message>
    <message>
        <source>High:</source>
        <translation>Alto:</translation>
    </message>
    <message>
        <source>Low:</source>
        <translation>Bajo:</translation>
    </message>
    <message>
        <source>Range %1–%2%3.</source>
        <translation>Rango %1–%2%3.</translation>
    </message>
    <message>
        <source>Range %1%2 or more.</source>
        <translation>Rango %1%2 o más.</translation>
    </message>
    <message>
        <source>Range up to %1%2.</source>
        <translation>Rango hasta %1%2.</translation>
    </message>
    <message>
        <source>No range is checked for this test.</source>
        <translation>No se verifica ningún rango para esta prueba.</translation>
    </message>
    <message>
        <source>Alert at %1%2 or more.</source>
        <translation>Alerta a partir de %1%2.</translation>
    </message>
    <message>
        <source>Alert below %1%2.</source>
        <translation>Alerta por debajo de %1%2.</translation>
    </message>
    <message>
        <source>Nothing is due: no current medication needs monitoring.</source>
        <translation>Nada pendiente: ningún medicamento actual requiere monitoreo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Practice Desk</source>
        <extracomment>How long after the window is made its chart tabs are built (the unlock window is up).</extracomment>
        <translation>Practice Desk</translation>
    </message>
    <message>
        <source>Search: name, date of birth, chart number or phone</source>
        <translation>Buscar: nombre, fecha de nacimiento, número de expediente o teléfono</translation>
    </message>
    <message>
        <source>Search patients</source>
        <translation>Buscar pacientes</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Pacientes</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Hoy</translation>
    </message>
    <message>
        <source>&amp;Chart</source>
        <translation>&amp;Expediente</translation>
    </message>
    <message>
        <source>&amp;Practice</source>
        <translation>&amp;Consulta</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>B&amp;loquear</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Buscar paciente</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nuevo paciente…</translation>
    </message>
    <message>
        <source>&amp;Edit patient details…</source>
        <translation>&amp;Editar datos del paciente…</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>Hacer &amp;copia de seguridad…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Practice Desk…</source>
        <translation>&amp;Acerca de Practice Desk…</translation>
    </message>
    <message>
        <source>Type the password the backup was made with (or use the recovery key), then choose Restore again.</source>
        <translation>Escriba la contraseña con la que se hizo la copia (o use la clave de recuperación) y vuelva a elegir Restaurar.</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>Elija la copia de seguridad que desea restaurar</translation>
    </message>
    <message>
        <source>Where should %1 be restored?</source>
        <translation>¿Dónde restaurar %1?</translation>
    </message>
    <message>
        <source>To a new location…</source>
        <translation>En otro lugar…</translation>
    </message>
    <message>
        <source>Over this practice</source>
        <translation>Sobre esta consulta</translation>
    </message>
    <message>
        <source>Restore %1 over this practice? The current practice is kept beside it as a “before-restore” copy, so nothing is lost.</source>
        <translation>¿Restaurar %1 sobre esta consulta? La consulta actual se conserva al lado como una copia “antes de restaurar”, así que no se pierde nada.</translation>
    </message>
    <message>
        <source>The backup was verified and restored; the previous practice is kept as %1. Sign in.</source>
        <translation>La copia se verificó y se restauró; la consulta anterior se guarda como %1. Inicie sesión.</translation>
    </message>
    <message>
        <source>Restore to a new practice file</source>
        <translation>Restaurar en un archivo nuevo</translation>
    </message>
    <message>
        <source>The backup was verified and restored to %1. Open it now?</source>
        <translation>La copia se verificó y se restauró en %1. ¿Abrirla ahora?</translation>
    </message>
    <message>
        <source>Opened %1. Sign in.</source>
        <translation>Abierto %1. Inicie sesión.</translation>
    </message>
    <message>
        <source>Restored to %1; this practice is unchanged.</source>
        <translation>Restaurada en %1; esta consulta no ha cambiado.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Backup verified and recorded.</source>
        <translation>Copia de seguridad verificada y registrada.</translation>
    </message>
    <message>
        <source>Locked after a quiet spell</source>
        <translation>Bloqueado tras un rato sin actividad</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión iniciada como %1 (%2)</translation>
    </message>
    <message>
        <source>prescriber</source>
        <translation>prescriptor</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>enfermería</translation>
    </message>
    <message numerus="yes">
        <source> — %n failed unlock attempt(s) since the last unlock</source>
        <translation>
            <numerusform> — %n intento fallido de desbloqueo desde el último desbloqueo</numerusform>
            <numerusform> — %n intentos fallidos de desbloqueo desde el último desbloqueo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> — no verified backup in the last %n day(s) (Ctrl+B)</source>
        <translation>
            <numerusform> — ninguna copia de seguridad verificada en el último día (Ctrl+B)</numerusform>
            <numerusform> — ninguna copia de seguridad verificada en los últimos %n días (Ctrl+B)</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed outside Practice Desk</source>
        <translation>Cambiado fuera de Practice Desk</translation>
    </message>
    <message>
        <source>This practice file was changed outside Practice Desk:

%1

It is recorded in the audit trail. Tell the prescriber; “practice-desk check” lists everything that no longer matches.</source>
        <translation>Este archivo de la consulta se cambió fuera de Practice Desk:

%1

Queda anotado en el registro de auditoría. Avise al prescriptor; «practice-desk check» enumera todo lo que ya no coincide.</translation>
    </message>
    <message>
        <source>New password set for %1. Sign in with it now.</source>
        <translation>Se estableció una nueva contraseña para %1. Inicie sesión con ella ahora.</translation>
    </message>
    <message>
        <source>Choose a patient first.</source>
        <translation>Primero elija un paciente.</translation>
    </message>
    <message>
        <source>Nothing to print here. Open a patient&apos;s Documents page, or preview a prescription, then press Ctrl+P.</source>
        <translation>Aquí no hay nada que imprimir. Abra la página Documentos de un paciente o la vista previa de una receta y pulse Ctrl+P.</translation>
    </message>
    <message>
        <source>Nothing to save on this page.</source>
        <translation>En esta página no hay nada que guardar.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Configuración guardada</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n paciente</numerusform>
            <numerusform>%n pacientes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MedicationForm</name>
    <message>
        <source>⚠ Major:</source>
        <translation>⚠ Grave:</translation>
    </message>
    <message>
        <source>✖ Contraindicated:</source>
        <extracomment>Severity words with an icon, so colour is never the only signal; text and background colours are both set so the contrast holds in any theme.</extracomment>
        <translation>✖ Contraindicado:</translation>
    </message>
    <message>
        <source>◆ Moderate:</source>
        <translation>◆ Moderada:</translation>
    </message>
    <message>
        <source>ℹ Info:</source>
        <translation>ℹ Información:</translation>
    </message>
    <message>
        <source>Start a medication</source>
        <extracomment>How &quot;n times a day&quot; reads as times of day when an old order is opened for a change. Alerts that depend on the dose: not shown before one is given.</extracomment>
        <translation>Iniciar un medicamento</translation>
    </message>
    <message>
        <source>Change the dose of %1</source>
        <translation>Cambiar la dosis de %1</translation>
    </message>
    <message>
        <source>Medication name</source>
        <translation>Nombre del medicamento</translation>
    </message>
    <message>
        <source>Generic or brand name, e.g. sertraline or Zoloft</source>
        <translation>Nombre genérico o comercial, p. ej. sertralina o Zoloft</translation>
    </message>
    <message>
        <source>Product (form and strength)</source>
        <translation>Producto (forma farmacéutica y concentración)</translation>
    </message>
    <message>
        <source>no product: not in the formulary</source>
        <translation>sin producto: no está en el formulario</translation>
    </message>
    <message>
        <source>&amp;As needed (PRN)</source>
        <translation>&amp;Si es necesario (PRN)</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <source>Noon</source>
        <translation>Mediodía</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>Tarde/noche</translation>
    </message>
    <message>
        <source>Bedtime</source>
        <translation>Al acostarse</translation>
    </message>
    <message>
        <source>Each time</source>
        <translation>Cada vez</translation>
    </message>
    <message>
        <source>At most a day</source>
        <translation>Máximo al día</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Every so many days</source>
        <translation>Cada cuántos días</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Cada</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Prescribed elsewhere by</source>
        <translation>Recetado en otro lugar por</translation>
    </message>
    <message>
        <source>Leave empty when you prescribe it</source>
        <translation>Déjelo vacío si usted lo receta</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Reason for overriding a contraindication</source>
        <translation>Motivo para hacer una excepción a una contraindicación</translation>
    </message>
    <message>
        <source>Only needed for a contraindicated combination; it is audited</source>
        <translation>Solo se necesita para una combinación contraindicada; queda en la auditoría</translation>
    </message>
    <message>
        <source>Safety check</source>
        <translation>Verificación de seguridad</translation>
    </message>
    <message>
        <source>Why it was not saved</source>
        <translation>Por qué no se guardó</translation>
    </message>
    <message>
        <source>&amp;Medication:</source>
        <translation>&amp;Medicamento:</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Producto:</translation>
    </message>
    <message>
        <source>Dose:</source>
        <translation>Dosis:</translation>
    </message>
    <message>
        <source>Star&amp;t date:</source>
        <translation>Fecha de &amp;inicio:</translation>
    </message>
    <message>
        <source>Change o&amp;n:</source>
        <translation>Cam&amp;biar el:</translation>
    </message>
    <message>
        <source>Prescribed &amp;elsewhere by:</source>
        <translation>Recetado &amp;en otro lugar por:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>Moti&amp;vo (obligatorio):</translation>
    </message>
    <message>
        <source>&amp;Override reason:</source>
        <translation>Motivo de e&amp;xcepción:</translation>
    </message>
    <message>
        <source>Safety check (this patient&apos;s list with this change)</source>
        <translation>Verificación de seguridad (la lista de este paciente con este cambio)</translation>
    </message>
    <message>
        <source>Discard this medication?</source>
        <translation>¿Descartar este medicamento?</translation>
    </message>
    <message>
        <source>What you typed has not been saved. Close without saving it?</source>
        <translation>Lo que escribió no se ha guardado. ¿Cerrar sin guardarlo?</translation>
    </message>
    <message>
        <source>To switch medication, stop this one and start the other.</source>
        <translation>Para cambiar de medicamento, suspenda este e inicie el otro.</translation>
    </message>
    <message>
        <source>— choose the form and strength —</source>
        <translation>— elija la forma farmacéutica y la concentración —</translation>
    </message>
    <message>
        <source>Amount in mg (no particular product)</source>
        <translation>Cantidad en mg (sin un producto en particular)</translation>
    </message>
    <message>
        <source>Type the medication&apos;s name.</source>
        <translation>Escriba el nombre del medicamento.</translation>
    </message>
    <message>
        <source>✓ %1%2 — in the formulary; checked for interactions and doses.</source>
        <translation>✓ %1%2 — en el formulario; se verifican interacciones y dosis.</translation>
    </message>
    <message>
        <source>Not in the formulary: saved as free text with doses in mg, and NOT checked for interactions. Check the spelling, or check it yourself.</source>
        <translation>No está en el formulario: se guarda como texto libre con dosis en mg y NO se verifican interacciones. Revise la ortografía o verifíquelo usted.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>¿Quiso decir %1?</translation>
    </message>
    <message>
        <source>Each dose</source>
        <translation>Cada dosis</translation>
    </message>
    <message>
        <source>amounts in mg</source>
        <translation>cantidades en mg</translation>
    </message>
    <message>
        <source>choose the product first</source>
        <translation>primero elija el producto</translation>
    </message>
    <message>
        <source>amounts in mL of %1</source>
        <translation>cantidades en mL de %1</translation>
    </message>
    <message>
        <source>amounts in number of: %1</source>
        <translation>cantidades en número de: %1</translation>
    </message>
    <message>
        <source>Not checked yet: %1</source>
        <translation>Todavía no se verificó: %1</translation>
    </message>
    <message>
        <source>✓ No interactions or allergies so far; %1</source>
        <translation>✓ Sin interacciones ni alergias por ahora; %1</translation>
    </message>
    <message>
        <source>%1 mg/day</source>
        <translation>%1 mg/día</translation>
    </message>
    <message>
        <source> at most</source>
        <translation> como máximo</translation>
    </message>
    <message>
        <source>✓ No alerts for this patient&apos;s list with this change.</source>
        <translation>✓ No hay alertas para la lista de este paciente con este cambio.</translation>
    </message>
    <message>
        <source>&amp;Override reason (required):</source>
        <translation>Motivo de e&amp;xcepción (obligatorio):</translation>
    </message>
    <message>
        <source>Save %1 although the check says it must not be given with this patient&apos;s list? Your reason goes in the audit trail: “%2”</source>
        <translation>¿Guardar %1 aunque la comprobación indica que no debe darse con la lista de este paciente? Su motivo queda en el registro de auditoría: «%2»</translation>
    </message>
    <message>
        <source>Override a contraindication</source>
        <translation>Pasar por alto una contraindicación</translation>
    </message>
</context>
<context>
    <name>MedicationHistoryModel</name>
    <message>
        <source>Medication</source>
        <translation>Medicamento</translation>
    </message>
    <message>
        <source>Daily dose</source>
        <translation>Dosis diaria</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>End reason</source>
        <translation>Motivo del fin</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>Indicaciones</translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>Registrado por error</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Dose changed</source>
        <translation>Dosis cambiada</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Suspendido</translation>
    </message>
</context>
<context>
    <name>MedicationTimeline</name>
    <message>
        <source>Dose timeline with PHQ-9 and GAD-7 scores</source>
        <extracomment>The scales drawn on the right axis, with their colour and marker. Above this ratio between the drugs&apos; highest doses, the left axis is in % of each drug&apos;s own.</extracomment>
        <translation>Cronología de dosis con las puntuaciones PHQ-9 y GAD-7</translation>
    </message>
    <message>
        <source>No doses or scores to show yet.</source>
        <translation>Todavía no hay dosis ni puntuaciones que mostrar.</translation>
    </message>
    <message>
        <source>Not charted (daily dose not known): %1</source>
        <translation>No se representa (dosis diaria desconocida): %1</translation>
    </message>
    <message>
        <source>Daily dose (mg)</source>
        <translation>Dosis diaria (mg)</translation>
    </message>
    <message>
        <source>% of each drug&apos;s highest dose</source>
        <translation>% de la dosis máxima de cada fármaco</translation>
    </message>
    <message>
        <source>PHQ-9 / GAD-7 total</source>
        <translation>Total PHQ-9 / GAD-7</translation>
    </message>
    <message>
        <source>%1 (as needed)</source>
        <translation>%1 (a demanda)</translation>
    </message>
    <message>
        <source>%1 mg from %2</source>
        <translation>%1 mg desde el %2</translation>
    </message>
    <message>
        <source>%1: %2; stopped %3</source>
        <translation>%1: %2; suspendido el %3</translation>
    </message>
    <message>
        <source>%1: %2; taken now</source>
        <translation>%1: %2; lo toma actualmente</translation>
    </message>
    <message>
        <source>%1 latest %2 of %3 on %4</source>
        <translation>%1: último %2 de %3 el %4</translation>
    </message>
</context>
<context>
    <name>MedicationsTab</name>
    <message>
        <source>Active medications</source>
        <extracomment>Active medications shown without scrolling; a longer list scrolls.</extracomment>
        <translation>Medicamentos activos</translation>
    </message>
    <message>
        <source>Medication history</source>
        <translation>Historial de medicamentos</translation>
    </message>
    <message>
        <source>Alerts for the active list</source>
        <translation>Alertas de la lista activa</translation>
    </message>
    <message>
        <source>&amp;Add medication…</source>
        <translation>&amp;Agregar medicamento…</translation>
    </message>
    <message>
        <source>C&amp;hange dose…</source>
        <translation>&amp;Cambiar dosis…</translation>
    </message>
    <message>
        <source>S&amp;top…</source>
        <translation>&amp;Suspender…</translation>
    </message>
    <message>
        <source>&amp;Reconcile…</source>
        <translation>C&amp;onciliar…</translation>
    </message>
    <message>
        <source>Compare what the patient reports taking with this list</source>
        <translation>Comparar lo que el paciente dice tomar con esta lista</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Drug names to check together</source>
        <translation>Nombres de medicamentos para verificar juntos</translation>
    </message>
    <message>
        <source>Names, separated by commas: Nardil, Zoloft</source>
        <translation>Nombres separados por comas: Nardil, Zoloft</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Combination check results</source>
        <translation>Resultados de la verificación de la combinación</translation>
    </message>
    <message>
        <source>Dose timeline, with PHQ-9 and GAD-7 totals</source>
        <translation>Cronología de dosis, con los totales PHQ-9 y GAD-7</translation>
    </message>
    <message>
        <source>History (every start, dose change and stop, oldest first)</source>
        <translation>Historial (cada inicio, cambio de dosis y suspensión, lo más antiguo primero)</translation>
    </message>
    <message>
        <source>Check a combination (any drugs; not this patient&apos;s chart)</source>
        <translation>Verificar una combinación (cualquier medicamento; no el expediente de este paciente)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active medications&lt;/b&gt;</source>
        <translation>&lt;b&gt;Medicamentos activos&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active medications&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Medicamentos activos&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active medications&lt;/b&gt;: none recorded</source>
        <translation>&lt;b&gt;Medicamentos activos&lt;/b&gt;: ninguno registrado</translation>
    </message>
    <message>
        <source>✓ No alerts for the active list.</source>
        <translation>✓ No hay alertas para la lista activa.</translation>
    </message>
    <message>
        <source>Stop medication</source>
        <translation>Suspender medicamento</translation>
    </message>
    <message>
        <source>Stop %1 today? It moves to the history. If it was entered in error and never taken, say so: it then leaves no washout and no line on the timeline.</source>
        <translation>¿Suspender %1 hoy? Pasa al historial. Si se registró por error y nunca se tomó, indíquelo: así no deja periodo de lavado ni línea en la gráfica.</translation>
    </message>
    <message>
        <source>Stop it today</source>
        <translation>Suspender hoy</translation>
    </message>
    <message>
        <source>Entered in error (never taken)</source>
        <translation>Registrado por error (nunca se tomó)</translation>
    </message>
    <message>
        <source>Reason for stopping</source>
        <translation>Motivo de la suspensión</translation>
    </message>
    <message>
        <source>What was wrong with this entry of %1? (optional)</source>
        <translation>¿Qué estaba mal en este registro de %1? (opcional)</translation>
    </message>
    <message>
        <source>Why is %1 stopped? The history keeps the reason.</source>
        <translation>¿Por qué se suspende %1? El historial guarda el motivo.</translation>
    </message>
    <message>
        <source>Type at least two names, separated by commas.</source>
        <translation>Escriba al menos dos nombres, separados por comas.</translation>
    </message>
    <message>
        <source>✓ No interactions or duplicates found between: %1.</source>
        <translation>✓ No se encontraron interacciones ni duplicados entre: %1.</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Cambiar mi contraseña</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Nueva contraseña para %1</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>Someone else may know the old password: also replace the practice&apos;s encryption key</source>
        <translation>Otra persona puede conocer la contraseña anterior: reemplazar también la clave de cifrado de la consulta</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <extracomment>What the reset did to the practice&apos;s key (when the box was ticked).</extracomment>
        <translation>Contraseña &amp;actual:</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Repita la nueva contraseña</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Seguridad de la contraseña</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repetir contraseña:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Seguridad:</translation>
    </message>
    <message>
        <source>Choose a password of at least %1 characters; a short sentence is easy to remember and hard to guess.</source>
        <translation>Elija una contraseña de al menos %1 caracteres; una frase corta es fácil de recordar y difícil de adivinar.</translation>
    </message>
    <message>
        <source>That password is too easy to guess (%1). A short sentence of uncommon words is easy to remember and hard to guess.</source>
        <translation>Esa contraseña es demasiado fácil de adivinar (%1). Una frase corta con palabras poco comunes es fácil de recordar y difícil de adivinar.</translation>
    </message>
    <message>
        <source>Too easy to guess: add uncommon words.</source>
        <translation>Demasiado fácil de adivinar: añada palabras poco comunes.</translation>
    </message>
    <message>
        <source>Still too easy to guess: longer, with uncommon words.</source>
        <translation>Todavía demasiado fácil de adivinar: más larga, con palabras poco comunes.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the second one again.</source>
        <translation>Las dos contraseñas no coinciden. Escriba la segunda otra vez.</translation>
    </message>
    <message>
        <source>Too short or too simple: at least %1 characters.</source>
        <translation>Demasiado corta o simple: al menos %1 caracteres.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Buena.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Fuerte.</translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <source>New recovery key</source>
        <translation>Nueva clave de recuperación</translation>
    </message>
    <message>
        <source>This is the practice&apos;s new recovery key. The old one, and every Recovery Sheet printed before, no longer opens the practice (backups made before now still open with the old one). It is shown once: print or save the new Recovery Sheet and keep it locked away, apart from this laptop and the backups.</source>
        <translation>Esta es la nueva clave de recuperación de la consulta. La anterior, y toda Hoja de recuperación impresa antes, ya no abre la consulta (las copias de seguridad hechas antes de ahora se siguen abriendo con la anterior). Se muestra una sola vez: imprima o guarde la nueva Hoja de recuperación y guárdela bajo llave, lejos de este portátil y de las copias de seguridad.</translation>
    </message>
    <message>
        <source>The new recovery key will not be shown again. Close without printing or saving the Recovery Sheet?</source>
        <translation>La nueva clave de recuperación no se volverá a mostrar. ¿Cerrar sin imprimir ni guardar la Hoja de recuperación?</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Not asked</source>
        <translation>No se preguntó</translation>
    </message>
    <message>
        <source>Takes every dose</source>
        <translation>Toma todas las dosis</translation>
    </message>
    <message>
        <source>Misses a few doses</source>
        <translation>Omite algunas dosis</translation>
    </message>
    <message>
        <source>Misses many doses</source>
        <translation>Omite muchas dosis</translation>
    </message>
    <message>
        <source>Stopped on their own</source>
        <translation>Lo suspendió por su cuenta</translation>
    </message>
    <message>
        <source>Reason for referral</source>
        <extracomment>Headings of the template sections (keys in domain.notes.TEMPLATE_SECTIONS), for lupdate.</extracomment>
        <translation>Motivo de la referencia</translation>
    </message>
    <message>
        <source>History of present illness</source>
        <translation>Historia de la enfermedad actual</translation>
    </message>
    <message>
        <source>Psychiatric history</source>
        <translation>Antecedentes psiquiátricos</translation>
    </message>
    <message>
        <source>Medical history</source>
        <translation>Antecedentes médicos</translation>
    </message>
    <message>
        <source>Substance use</source>
        <translation>Consumo de sustancias</translation>
    </message>
    <message>
        <source>Family and social history</source>
        <translation>Antecedentes familiares y sociales</translation>
    </message>
    <message>
        <source>Mental status</source>
        <translation>Examen del estado mental</translation>
    </message>
    <message>
        <source>Risk assessment</source>
        <translation>Evaluación de riesgo</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Interval history</source>
        <translation>Evolución desde la última visita</translation>
    </message>
    <message>
        <source>How things are</source>
        <translation>Cómo van las cosas</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>Síntomas</translation>
    </message>
    <message>
        <source>Side effects</source>
        <translation>Efectos secundarios</translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation>Adherencia</translation>
    </message>
    <message>
        <source>Other notes</source>
        <translation>Otras notas</translation>
    </message>
    <message>
        <source>&amp;Visit date:</source>
        <translation>Fecha de la &amp;visita:</translation>
    </message>
    <message>
        <source>S&amp;ymptoms:</source>
        <translation>Sín&amp;tomas:</translation>
    </message>
    <message>
        <source>Side &amp;effects:</source>
        <translation>&amp;Efectos secundarios:</translation>
    </message>
    <message>
        <source>&amp;Adherence:</source>
        <translation>&amp;Adherencia:</translation>
    </message>
    <message>
        <source>&amp;Other notes:</source>
        <translation>&amp;Otras notas:</translation>
    </message>
</context>
<context>
    <name>NoteTemplates</name>
    <message>
        <source>Initial evaluation</source>
        <extracomment>English titles; ``template_title`` gives them in the interface language.</extracomment>
        <translation>Evaluación inicial</translation>
    </message>
    <message>
        <source>Medication follow-up</source>
        <translation>Seguimiento de medicación</translation>
    </message>
    <message>
        <source>Brief check</source>
        <translation>Control breve</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Draft</source>
        <extracomment>Quiet time after the last keystroke before a draft saves itself.</extracomment>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Signed by %1, %2</source>
        <translation>Firmada por %1, %2</translation>
    </message>
    <message>
        <source> (+1 addendum)</source>
        <translation> (+1 adenda)</translation>
    </message>
    <message>
        <source> (+%1 addenda)</source>
        <translation> (+%1 adendas)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Search notes</source>
        <translation>Buscar en las notas</translation>
    </message>
    <message>
        <source>Every word must appear; word beginnings match.</source>
        <translation>Deben aparecer todas las palabras; basta con el comienzo de cada palabra.</translation>
    </message>
    <message>
        <source>All patients</source>
        <translation>Todos los pacientes</translation>
    </message>
    <message>
        <source>Template for a new note</source>
        <translation>Plantilla para una nota nueva</translation>
    </message>
    <message>
        <source>&amp;New note</source>
        <translation>&amp;Nueva nota</translation>
    </message>
    <message>
        <source>Start a note with the chosen template (Ctrl+Shift+N)</source>
        <translation>Empezar una nota con la plantilla elegida (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>&amp;Guardar borrador</translation>
    </message>
    <message>
        <source>&amp;Sign note</source>
        <translation>&amp;Firmar nota</translation>
    </message>
    <message>
        <source>Signing locks the note; later changes are addenda.</source>
        <translation>Al firmarla, la nota queda cerrada; los cambios posteriores son adendas.</translation>
    </message>
    <message>
        <source>Add a&amp;ddendum…</source>
        <translation>Agregar a&amp;denda…</translation>
    </message>
    <message>
        <source>New note: it saves itself as a draft while you type.</source>
        <translation>Nota nueva: se guarda sola como borrador mientras escribe.</translation>
    </message>
    <message>
        <source>symptoms</source>
        <translation>síntomas</translation>
    </message>
    <message>
        <source>side effects</source>
        <translation>efectos secundarios</translation>
    </message>
    <message>
        <source>other notes</source>
        <translation>otras notas</translation>
    </message>
    <message>
        <source>Not saved: the %1 field is too long. Shorten it and it will save.</source>
        <translation>No se guardó: el campo %1 es demasiado largo. Acórtelo y se guardará.</translation>
    </message>
    <message>
        <source>Not saved: this draft was changed or signed elsewhere. Your text is still here; copy it before opening the note again.</source>
        <translation>No se guardó: este borrador se cambió o se firmó en otro lugar. Su texto sigue aquí; cópielo antes de abrir la nota otra vez.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <source>Draft saved at %1.</source>
        <translation>Borrador guardado a las %1.</translation>
    </message>
    <message>
        <source>Write the note before signing it.</source>
        <translation>Escriba la nota antes de firmarla.</translation>
    </message>
    <message>
        <source>Sign this note? A signed note cannot be edited; later changes are addenda.</source>
        <translation>¿Firmar esta nota? Una nota firmada no se puede editar; los cambios posteriores son adendas.</translation>
    </message>
    <message>
        <source>Sign note</source>
        <translation>Firmar nota</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Agregar adenda</translation>
    </message>
    <message>
        <source>Addendum (saved with your name and the time):</source>
        <translation>Adenda (se guarda con su nombre y la hora):</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Editando…</translation>
    </message>
    <message>
        <source>No notes contain every word of “%1”.</source>
        <translation>Ninguna nota contiene todas las palabras de “%1”.</translation>
    </message>
    <message>
        <source>No notes yet. Choose a template and press New note.</source>
        <translation>Todavía no hay notas. Elija una plantilla y pulse Nueva nota.</translation>
    </message>
    <message>
        <source>A note from another patient&apos;s chart: double-click to open that chart.</source>
        <translation>Una nota del expediente de otro paciente: haga doble clic para abrir ese expediente.</translation>
    </message>
    <message>
        <source>%1. Written by %2.</source>
        <translation>%1. Escrita por %2.</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>Adenda</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source> (not checked)</source>
        <translation> (no verificado)</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>%1 mg/day</source>
        <translation>%1 mg/día</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>hasta %1</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>female</source>
        <translation>femenino</translation>
    </message>
    <message>
        <source>male</source>
        <translation>masculino</translation>
    </message>
    <message>
        <source>intersex</source>
        <translation>intersexual</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Nuevo paciente</translation>
    </message>
    <message>
        <source>Patient details — %1</source>
        <translation>Datos del paciente — %1</translation>
    </message>
    <message>
        <source>DD/MM/YYYY or 14 Mar 1975</source>
        <translation>DD/MM/AAAA o 14 mar 1975</translation>
    </message>
    <message>
        <source>MM/DD/YYYY or 14 Mar 1975</source>
        <translation>MM/DD/AAAA o 14 mar 1975</translation>
    </message>
    <message>
        <source>ICD-10-CM codes, e.g. F32.1, F41.1</source>
        <translation>Códigos CIE-10-MC (ICD-10-CM), p. ej. F32.1, F41.1</translation>
    </message>
    <message>
        <source>Find a diagnosis by words, e.g. panic disorder</source>
        <translation>Buscar un diagnóstico por palabras (en inglés), p. ej., panic disorder</translation>
    </message>
    <message>
        <source>Find a diagnosis by words</source>
        <translation>Buscar un diagnóstico por palabras</translation>
    </message>
    <message>
        <source>Smokes tobacco</source>
        <translation>Fuma tabaco</translation>
    </message>
    <message>
        <source>Could become pregnant</source>
        <translation>Podría quedar embarazada</translation>
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation>&amp;Apellidos:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Preferred name:</source>
        <translation>Nombre preferido:</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>&amp;Fecha de nacimiento:</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>Sexo:</translation>
    </message>
    <message>
        <source>Gender identity:</source>
        <translation>Identidad de género:</translation>
    </message>
    <message>
        <source>Pronouns:</source>
        <translation>Pronombres:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Calle:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ciudad:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>ZIP code:</source>
        <translation>Código postal:</translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation>Alergias:</translation>
    </message>
    <message>
        <source>Diagnoses:</source>
        <translation>Diagnósticos:</translation>
    </message>
    <message>
        <source>Smokes tobacco (stopped %1)</source>
        <translation>Fuma tabaco (lo dejó el %1)</translation>
    </message>
    <message>
        <source>Not a date yet: type it as %1.</source>
        <translation>Todavía no es una fecha: escríbala como %1.</translation>
    </message>
    <message>
        <source>Read as %1 (age %2).</source>
        <translation>Entendido: %1 (%2 años).</translation>
    </message>
    <message>
        <source>Enter the date of birth.</source>
        <translation>Escriba la fecha de nacimiento.</translation>
    </message>
    <message>
        <source>“%1” is not a date: type it as %2.</source>
        <translation>«%1» no es una fecha: escríbala como %2.</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Expediente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview of the document</source>
        <translation>Vista previa del documento</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Pages in the preview</source>
        <translation>Páginas de la vista previa</translation>
    </message>
    <message>
        <source>Smaller (Ctrl+−)</source>
        <translation>Más pequeño (Ctrl+−)</translation>
    </message>
    <message>
        <source>Larger (Ctrl++)</source>
        <translation>Más grande (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) — nothing is saved to disk</source>
        <translation>
            <numerusform>%n página — no se guarda nada en el disco</numerusform>
            <numerusform>%n páginas — no se guarda nada en el disco</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to preview yet.</source>
        <translation>Todavía no hay nada para mostrar.</translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message>
        <source>Your practice</source>
        <translation>Su consulta</translation>
    </message>
    <message>
        <source>This is printed on prescriptions and handouts. The DEA number and NPI can be added later in Settings.</source>
        <translation>Esto se imprime en las recetas y las hojas informativas. El número DEA y el NPI se pueden agregar después en Configuración.</translation>
    </message>
    <message>
        <source>Where the practice file is kept</source>
        <translation>Dónde se guarda el archivo de la consulta</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Practice &amp;file:</source>
        <translation>&amp;Archivo de la consulta:</translation>
    </message>
    <message>
        <source>Where to keep the practice file</source>
        <translation>Dónde guardar el archivo de la consulta</translation>
    </message>
    <message>
        <source>Choose where to keep the practice file.</source>
        <translation>Elija dónde guardar el archivo de la consulta.</translation>
    </message>
    <message>
        <source>A file of that name already exists. Choose a new name.</source>
        <translation>Ya existe un archivo con ese nombre. Elija un nombre nuevo.</translation>
    </message>
    <message>
        <source>That folder does not exist. Choose another place.</source>
        <translation>Esa carpeta no existe. Elija otro lugar.</translation>
    </message>
</context>
<context>
    <name>PreferenceFields</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Bloquear después de estos minutos sin actividad</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Remind about backups after this many days</source>
        <translation>Recordar la copia de seguridad después de estos días</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish (Español)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Default language for handouts</source>
        <translation>Idioma predeterminado de las hojas informativas</translation>
    </message>
    <message>
        <source>US Letter (8.5 × 11 in)</source>
        <translation>Carta EE. UU. (8.5 × 11 in)</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <source>One prescription per sheet</source>
        <translation>Una receta por hoja</translation>
    </message>
    <message>
        <source>Two prescriptions per sheet, with a cut line</source>
        <translation>Dos recetas por hoja, con línea de corte</translation>
    </message>
    <message>
        <source>Prescription layout</source>
        <translation>Formato de las recetas</translation>
    </message>
    <message>
        <source>Language of the screens on this computer</source>
        <translation>Idioma de las pantallas en esta computadora</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>&amp;Bloquear tras inactividad:</translation>
    </message>
    <message>
        <source>&amp;Backup reminder after:</source>
        <translation>Recordar &amp;copia de seguridad tras:</translation>
    </message>
    <message>
        <source>&amp;Handout language:</source>
        <translation>&amp;Idioma de las hojas informativas:</translation>
    </message>
    <message>
        <source>&amp;Paper size:</source>
        <translation>&amp;Tamaño del papel:</translation>
    </message>
    <message>
        <source>Prescription la&amp;yout:</source>
        <translation>Formato de &amp;receta:</translation>
    </message>
    <message>
        <source>&amp;Screens on this computer:</source>
        <translation>&amp;Pantallas en esta computadora:</translation>
    </message>
    <message>
        <source>Practice Desk locks itself after the idle time, keeping any note being typed as a draft. A prescription too long for half a sheet is printed on a sheet of its own. The language of the screens belongs to this computer and changes the next time Practice Desk starts.</source>
        <translation>Practice Desk se bloquea solo después del tiempo de inactividad y guarda como borrador cualquier nota que se esté escribiendo. Una receta demasiado larga para media hoja se imprime en una hoja propia. El idioma de las pantallas es de esta computadora y cambia la próxima vez que se abra Practice Desk.</translation>
    </message>
</context>
<context>
    <name>PrescriptionsTab</name>
    <message>
        <source>Quantity</source>
        <extracomment>How the Prescription fields read when pydantic refuses a value.</extracomment>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Days&apos; supply</source>
        <translation>Días de suministro</translation>
    </message>
    <message>
        <source>Refills</source>
        <translation>Resurtidos</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>Indicaciones</translation>
    </message>
    <message>
        <source>Note to pharmacist</source>
        <translation>Nota para el farmacéutico</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Prescriptions</source>
        <translation>Recetas</translation>
    </message>
    <message>
        <source>Prescribing is for prescribers. A nurse can see the medications in the chart and print handouts from the Documents tab.</source>
        <translation>Recetar es solo para prescriptores. El personal de enfermería puede ver los medicamentos en el expediente e imprimir hojas informativas desde la pestaña Documentos.</translation>
    </message>
    <message>
        <source>Write a prescription to see it here before printing.</source>
        <translation>Escriba una receta para verla aquí antes de imprimirla.</translation>
    </message>
    <message>
        <source>Choose a patient to write or review prescriptions.</source>
        <translation>Elija un paciente para escribir o revisar recetas.</translation>
    </message>
    <message>
        <source>Medication to prescribe</source>
        <translation>Medicamento que se va a recetar</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Substitution permitted</source>
        <translation>Se permite la sustitución</translation>
    </message>
    <message>
        <source> prescription(s), each for the days&apos; supply</source>
        <translation> receta(s), cada una por los días de suministro</translation>
    </message>
    <message>
        <source>Schedule II series: number of prescriptions</source>
        <translation>Serie de Lista II: número de recetas</translation>
    </message>
    <message>
        <source>Schedule II series:</source>
        <translation>Serie de Lista II:</translation>
    </message>
    <message>
        <source>Write and preview</source>
        <translation>Escribir y ver vista previa</translation>
    </message>
    <message>
        <source>Taper step in force</source>
        <translation>Paso de la reducción gradual en vigor</translation>
    </message>
    <message>
        <source>From the taper step…</source>
        <translation>Desde el paso de la reducción gradual…</translation>
    </message>
    <message>
        <source>Write prescriptions for the taper step in force</source>
        <translation>Escribir recetas para el paso de la reducción gradual en vigor</translation>
    </message>
    <message>
        <source>Problem with the prescription</source>
        <translation>Problema con la receta</translation>
    </message>
    <message>
        <source>Medication:</source>
        <translation>Medicamento:</translation>
    </message>
    <message>
        <source>Directions:</source>
        <translation>Indicaciones:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Cantidad:</translation>
    </message>
    <message>
        <source>Days&apos; supply:</source>
        <translation>Días de suministro:</translation>
    </message>
    <message>
        <source>Refills:</source>
        <translation>Resurtidos:</translation>
    </message>
    <message>
        <source>Note to pharmacist:</source>
        <translation>Nota para el farmacéutico:</translation>
    </message>
    <message>
        <source>Write a prescription</source>
        <translation>Escribir una receta</translation>
    </message>
    <message>
        <source>Prescription log</source>
        <translation>Registro de recetas</translation>
    </message>
    <message>
        <source>Reprint (COPY)…</source>
        <translation>Reimprimir (COPIA)…</translation>
    </message>
    <message>
        <source>Reprint as a copy</source>
        <translation>Reimprimir como copia</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Anular…</translation>
    </message>
    <message>
        <source>Void the prescription</source>
        <translation>Anular la receta</translation>
    </message>
    <message>
        <source>Problem with the log action</source>
        <translation>Problema con la acción del registro</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Print the previewed prescription</source>
        <translation>Imprimir la receta de la vista previa</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>No active medication prescribed here to write for.</source>
        <translation>No hay ningún medicamento activo recetado aquí para el cual escribir una receta.</translation>
    </message>
    <message>
        <source>Schedule %1 controlled substance.</source>
        <translation>Sustancia controlada de la Lista %1.</translation>
    </message>
    <message>
        <source>Step %1 of %2: stop from %3</source>
        <translation>Paso %1 de %2: suspender desde el %3</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3 mg a day from %4 to %5</source>
        <translation>Paso %1 de %2: %3 mg al día del %4 al %5</translation>
    </message>
    <message>
        <source>Rx %1 — ready to print</source>
        <translation>Receta %1 — lista para imprimir</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4 %5 for %6 days</source>
        <translation>%1 %2 %3: %4 %5 para %6 días</translation>
    </message>
    <message>
        <source>Write these prescriptions for step %1 of %2 of the %3 taper?</source>
        <translation>¿Escribir estas recetas para el paso %1 de %2 de la reducción gradual de %3?</translation>
    </message>
    <message>
        <source>Directions: %1</source>
        <translation>Indicaciones: %1</translation>
    </message>
    <message>
        <source>Prescribe the taper step</source>
        <translation>Recetar el paso de la reducción gradual</translation>
    </message>
    <message>
        <source>Prescription %1</source>
        <translation>Receta %1</translation>
    </message>
    <message>
        <source> — sent to the printer</source>
        <translation> — enviada a la impresora</translation>
    </message>
    <message>
        <source>Choose a prescription in the log first.</source>
        <translation>Primero elija una receta en el registro.</translation>
    </message>
    <message>
        <source>COPY of Rx #%1 — marked as a reprint</source>
        <translation>COPIA de la receta n.º %1 — marcada como reimpresión</translation>
    </message>
    <message>
        <source>Void Rx %1</source>
        <translation>Anular la receta %1</translation>
    </message>
    <message>
        <source>Why is Rx %1 voided? The log keeps the reason.</source>
        <translation>¿Por qué se anula la receta %1? El registro guarda el motivo.</translation>
    </message>
    <message>
        <source>Void Rx %1? It can never be printed again, and a pharmacy that calls to verify it will be told it is not valid.</source>
        <translation>¿Anular la receta %1? No se podrá volver a imprimir, y si una farmacia llama para verificarla se le dirá que no es válida.</translation>
    </message>
    <message>
        <source>Rx %1 was voided.</source>
        <translation>La receta %1 fue anulada.</translation>
    </message>
</context>
<context>
    <name>ProfileFields</name>
    <message>
        <source>Street
Town, State ZIP</source>
        <translation>Calle
Ciudad, Estado Código postal</translation>
    </message>
    <message>
        <source>as signed, e.g. Dr Alex Sample</source>
        <translation>como firma, p. ej. Dra. Alex Ejemplo</translation>
    </message>
    <message>
        <source>e.g. MD, DO, PMHNP-BC</source>
        <translation>p. ej. MD, DO, PMHNP-BC</translation>
    </message>
    <message>
        <source>two letters and seven digits</source>
        <translation>dos letras y siete dígitos</translation>
    </message>
    <message>
        <source>ten digits</source>
        <translation>diez dígitos</translation>
    </message>
    <message>
        <source>state and number</source>
        <translation>estado y número</translation>
    </message>
    <message>
        <source>Practice &amp;name:</source>
        <translation>&amp;Nombre de la consulta:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Di&amp;rección:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>Fa&amp;x:</source>
        <translation>Fa&amp;x:</translation>
    </message>
    <message>
        <source>Prescriber&apos;s na&amp;me:</source>
        <translation>Nombre del &amp;prescriptor:</translation>
    </message>
    <message>
        <source>&amp;Credentials:</source>
        <translation>&amp;Credenciales:</translation>
    </message>
    <message>
        <source>&amp;DEA number:</source>
        <translation>Número &amp;DEA:</translation>
    </message>
    <message>
        <source>N&amp;PI:</source>
        <translation>NP&amp;I:</translation>
    </message>
    <message>
        <source>&amp;Licence:</source>
        <translation>&amp;Licencia:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Practice&lt;/b&gt; (printed at the top of every page)</source>
        <translation>&lt;b&gt;Consulta&lt;/b&gt; (se imprime en la parte superior de cada página)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prescriber&lt;/b&gt; (printed on prescriptions)</source>
        <translation>&lt;b&gt;Prescriptor&lt;/b&gt; (se imprime en las recetas)</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <source>Reconcile medications</source>
        <translation>Conciliar la medicación</translation>
    </message>
    <message>
        <source>Type or paste what the patient says they take (from the bag, a list or a letter), one medication a line, e.g. “Zoloft 100 mg daily”. This only compares: change the chart with Add, Change dose and Stop.</source>
        <translation>Escriba o pegue lo que el paciente dice tomar (de la bolsa, una lista o una carta), un medicamento por línea, p. ej. “Zoloft 100 mg al día”. Esto solo compara: cambie el expediente con Agregar medicamento, Cambiar dosis y Suspender.</translation>
    </message>
    <message>
        <source>What the patient reports taking</source>
        <translation>Lo que el paciente dice tomar</translation>
    </message>
    <message>
        <source>sertraline 100 mg daily
lithium 300 mg twice a day
melatonin</source>
        <translation>sertralina 100 mg al día
litio 300 mg dos veces al día
melatonina</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparar</translation>
    </message>
    <message>
        <source>Compare with the chart (Ctrl+Enter)</source>
        <translation>Comparar con el expediente (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Reconciliation summary</source>
        <translation>Resumen de la conciliación</translation>
    </message>
    <message>
        <source>Reported against the chart</source>
        <translation>Lo referido frente al expediente</translation>
    </message>
    <message>
        <source>Lines not read</source>
        <translation>Líneas no leídas</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Type at least one medication, one a line.</source>
        <translation>Escriba al menos un medicamento, uno por línea.</translation>
    </message>
    <message>
        <source>Type the patient&apos;s list, then Compare.</source>
        <translation>Escriba la lista del paciente y pulse Comparar.</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s) to resolve.</source>
        <translation>
            <numerusform>%n diferencia por resolver.</numerusform>
            <numerusform>%n diferencias por resolver.</numerusform>
        </translation>
    </message>
    <message>
        <source>No differences: the list matches the chart.</source>
        <translation>Sin diferencias: la lista coincide con el expediente.</translation>
    </message>
    <message numerus="yes">
        <source>%n dose(s) not compared: ask the dose.</source>
        <translation>
            <numerusform>%n dosis sin comparar: pregunte la dosis.</numerusform>
            <numerusform>%n dosis sin comparar: pregunte las dosis.</numerusform>
        </translation>
    </message>
    <message>
        <source>no medication name; start the line with it, e.g. “sertraline 100 mg”</source>
        <translation>sin nombre de medicamento; empiece la línea con él, p. ej. “sertralina 100 mg”</translation>
    </message>
    <message>
        <source>too long for one medication; put one a line</source>
        <translation>demasiado larga para un medicamento; ponga uno por línea</translation>
    </message>
    <message>
        <source>Line %1 not read: “%2” — %3.</source>
        <translation>Línea %1 no leída: “%2” — %3.</translation>
    </message>
</context>
<context>
    <name>ReconcileModel</name>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Referido</translation>
    </message>
    <message>
        <source>In the chart</source>
        <translation>En el expediente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Typed: “%1”</source>
        <translation>Escrito: “%1”</translation>
    </message>
    <message>
        <source>%1 (reported as %2)</source>
        <translation>%1 (referido como %2)</translation>
    </message>
    <message>
        <source>%1 mg/day</source>
        <translation>%1 mg/día</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>no referido</translation>
    </message>
    <message>
        <source>dose not given</source>
        <translation>dosis no indicada</translation>
    </message>
    <message>
        <source>amount without a unit (mg? tablets?)</source>
        <translation>cantidad sin unidad (¿mg? ¿comprimidos?)</translation>
    </message>
    <message>
        <source>not in mg (tablets, mL or units)</source>
        <translation>no en mg (comprimidos, mL o unidades)</translation>
    </message>
    <message>
        <source>more than one amount: check the dose</source>
        <translation>más de una cantidad: compruebe la dosis</translation>
    </message>
    <message>
        <source>how often is unclear</source>
        <translation>frecuencia poco clara</translation>
    </message>
    <message>
        <source>as needed</source>
        <translation>si precisa</translation>
    </message>
    <message>
        <source>not daily (weekly, monthly…)</source>
        <translation>no diario (semanal, mensual…)</translation>
    </message>
    <message>
        <source>not in the chart</source>
        <translation>no está en el expediente</translation>
    </message>
    <message>
        <source>dose not in mg</source>
        <translation>dosis no en mg</translation>
    </message>
    <message>
        <source>not in the chart — new to us</source>
        <translation>no está en el expediente — nuevo para nosotros</translation>
    </message>
    <message>
        <source>in the chart but not reported — ask if still taken</source>
        <translation>en el expediente pero no referido — pregunte si aún lo toma</translation>
    </message>
    <message>
        <source>dose differs: reported %1, chart %2</source>
        <translation>la dosis difiere: referida %1, en el expediente %2</translation>
    </message>
    <message>
        <source>same medication — dose not compared: ask the dose</source>
        <translation>mismo medicamento — dosis sin comparar: pregunte la dosis</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>coincide</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>&amp;Print the Recovery Sheet…</source>
        <translation>&amp;Imprimir la hoja de recuperación…</translation>
    </message>
    <message>
        <source>Sa&amp;ve the Recovery Sheet as PDF…</source>
        <translation>&amp;Guardar la hoja de recuperación como PDF…</translation>
    </message>
    <message>
        <source>I have printed or saved the Recovery Sheet and will keep it somewhere safe</source>
        <translation>Imprimí o guardé la hoja de recuperación y la guardaré en un lugar seguro</translation>
    </message>
    <message>
        <source>Recovery Sheet</source>
        <translation>Hoja de recuperación</translation>
    </message>
    <message>
        <source>The Recovery Sheet was sent to the printer.</source>
        <translation>La hoja de recuperación se envió a la impresora.</translation>
    </message>
    <message>
        <source>Save the Recovery Sheet</source>
        <translation>Guardar la hoja de recuperación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The sheet could not be saved there (%1). Choose another place.</source>
        <translation>No se pudo guardar la hoja ahí (%1). Elija otro lugar.</translation>
    </message>
    <message>
        <source>Saved to %1. Anyone with this file can open the records: copy it to a USB stick kept locked away, print it, then delete it from this computer.</source>
        <translation>Guardada en %1. Cualquier persona que tenga este archivo puede abrir los expedientes: cópielo a una memoria USB guardada bajo llave, imprímalo y luego bórrelo de esta computadora.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Your recovery key</source>
        <translation>Su clave de recuperación</translation>
    </message>
    <message>
        <source>If every password is forgotten, this key is the only way back into the records. It is shown once. Print the Recovery Sheet and keep it locked away, apart from this laptop and from the backups.</source>
        <translation>Si se olvidan todas las contraseñas, esta clave es la única forma de volver a entrar a los expedientes. Se muestra una sola vez. Imprima la hoja de recuperación y guárdela bajo llave, lejos de esta computadora y de las copias de seguridad.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Set a new password</source>
        <translation>Establecer una nueva contraseña</translation>
    </message>
    <message>
        <source>You unlocked the practice with the recovery key. Choose whose password to replace and type the new one twice. Everything else stays as it was.</source>
        <translation>Desbloqueó la consulta con la clave de recuperación. Elija de quién es la contraseña que se reemplaza y escriba la nueva dos veces. Todo lo demás queda como estaba.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Repita la nueva contraseña</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nueva contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>Las dos contraseñas no coinciden. Escríbalas otra vez.</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup file (.pdbackup), where to put the practice on this computer, and a password or the recovery key that opened the practice.</source>
        <translation>Elija el archivo de copia de seguridad (.pdbackup), dónde poner la consulta en esta computadora y una contraseña o la clave de recuperación que abría la consulta.</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Archivo de copia de seguridad</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Where to put the restored practice</source>
        <translation>Dónde poner la consulta restaurada</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>or the 48-digit recovery key instead</source>
        <translation>o, en su lugar, la clave de recuperación de 48 dígitos</translation>
    </message>
    <message>
        <source>&amp;Backup file:</source>
        <translation>&amp;Archivo de copia de seguridad:</translation>
    </message>
    <message>
        <source>Restore &amp;to:</source>
        <translation>Restaurar e&amp;n:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Or recovery &amp;key:</source>
        <translation>O clave de &amp;recuperación:</translation>
    </message>
    <message>
        <source>Choose the backup</source>
        <translation>Elija la copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Primero elija el archivo de copia de seguridad.</translation>
    </message>
    <message>
        <source>A practice file of that name is already there. Choose a new name.</source>
        <translation>Ya hay un archivo de consulta con ese nombre. Elija un nombre nuevo.</translation>
    </message>
    <message>
        <source>That folder does not exist. Choose another place.</source>
        <translation>Esa carpeta no existe. Elija otro lugar.</translation>
    </message>
</context>
<context>
    <name>RxLogModel</name>
    <message>
        <source>written</source>
        <extracomment>What happened to a prescription, as the log&apos;s Events column reads.</extracomment>
        <translation>escrita</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>impresa</translation>
    </message>
    <message>
        <source>reprinted</source>
        <translation>reimpresa</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>Rx #</source>
        <translation>Receta n.º</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>Medicamento</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source> (%1 of %2)</source>
        <translation> (%1 de %2)</translation>
    </message>
    <message>
        <source>%1 %2 · %3 days · refills: %4</source>
        <translation>%1 %2 · %3 días · resurtidos: %4</translation>
    </message>
    <message>
        <source>VOIDED</source>
        <translation>ANULADA</translation>
    </message>
    <message>
        <source>written, not printed</source>
        <translation>escrita, sin imprimir</translation>
    </message>
</context>
<context>
    <name>ScaleHistoryModel</name>
    <message>
        <source>Date</source>
        <extracomment>Severity bands shaded from pale green (least) to pale red (most), light enough to read on.</extracomment>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>ScalesTab</name>
    <message>
        <source>Rating scale</source>
        <translation>Escala de evaluación</translation>
    </message>
    <message>
        <source>Date the scale was given</source>
        <translation>Fecha en que se aplicó la escala</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instrucciones</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>Puntuación total</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Save result</source>
        <translation>Resultado al guardar</translation>
    </message>
    <message>
        <source>&amp;Save scale</source>
        <translation>&amp;Guardar escala</translation>
    </message>
    <message>
        <source>Clear answers</source>
        <translation>Borrar respuestas</translation>
    </message>
    <message>
        <source>Date given</source>
        <translation>Fecha de aplicación</translation>
    </message>
    <message>
        <source>Trend of past totals</source>
        <translation>Tendencia de los totales anteriores</translation>
    </message>
    <message>
        <source>Past results</source>
        <translation>Resultados anteriores</translation>
    </message>
    <message>
        <source>&amp;Scale:</source>
        <translation>&amp;Escala:</translation>
    </message>
    <message>
        <source>&amp;Date given:</source>
        <translation>&amp;Fecha de aplicación:</translation>
    </message>
    <message>
        <source>Change scale</source>
        <translation>Cambiar de escala</translation>
    </message>
    <message>
        <source>Discard the answers given so far on the %1?</source>
        <translation>¿Descartar las respuestas dadas hasta ahora en el %1?</translation>
    </message>
    <message>
        <source>Saved %1 of %2: total %3</source>
        <translation>Se guardó el %1 del %2: total %3</translation>
    </message>
    <message>
        <source>✓ The %1 was saved to the chart.</source>
        <translation>✓ El %1 se guardó en el expediente.</translation>
    </message>
    <message>
        <source>(optional, not added to the total)</source>
        <translation>(opcional, no se suma al total)</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>Ítem %1: %2</translation>
    </message>
    <message>
        <source>Answered %1 of %2 — answer all %2 items to see the total.</source>
        <translation>Contestados %1 de %2 — conteste los %2 ítems para ver el total.</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Past %1 results&lt;/b&gt; (newest first)</source>
        <translation>&lt;b&gt;Resultados anteriores de %1&lt;/b&gt; (lo más reciente primero)</translation>
    </message>
    <message>
        <source>%1 totals over time</source>
        <translation>Totales de %1 a lo largo del tiempo</translation>
    </message>
    <message>
        <source>No %1 results yet</source>
        <translation>Todavía no hay resultados de %1</translation>
    </message>
    <message>
        <source>No %1 results yet. Saved results appear here by date.</source>
        <translation>Todavía no hay resultados de %1. Los resultados guardados aparecen aquí por fecha.</translation>
    </message>
    <message>
        <source>Total (%1 to %2)</source>
        <translation>Total (%1 a %2)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Prescriber</source>
        <translation>Prescriptor</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Enfermería</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>P&amp;ractice and prescriber</source>
        <extracomment>The profile as shown, so Save only writes it (and audits it) when it changed.</extracomment>
        <translation>C&amp;onsulta y prescriptor</translation>
    </message>
    <message>
        <source>Pre&amp;ferences</source>
        <translation>Pre&amp;ferencias</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Usuarios</translation>
    </message>
    <message>
        <source>Only a prescriber can change these settings. You can change your own password on the Users page.</source>
        <translation>Solo un prescriptor puede cambiar esta configuración. Puede cambiar su propia contraseña en la página Usuarios.</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>The computer refused to write there (%1). Choose another folder, or check that the disk has room.</source>
        <translation>La computadora no pudo escribir allí (%1). Elija otra carpeta o compruebe que el disco tenga espacio.</translation>
    </message>
    <message>
        <source>Practice Desk — first start</source>
        <translation>Practice Desk — primer inicio</translation>
    </message>
    <message>
        <source>The recovery key will not be shown again. Leave without printing or saving the Recovery Sheet?</source>
        <extracomment>The new practice, unlocked (set up); or None. The practice file to open locked (opened or restored), or the new one.</extracomment>
        <translation>La clave de recuperación no se volverá a mostrar. ¿Salir sin imprimir ni guardar la hoja de recuperación?</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to Practice Desk</source>
        <translation>Bienvenido a Practice Desk</translation>
    </message>
    <message>
        <source>Practice Desk keeps your practice&apos;s records in one encrypted file on this computer. Nothing is ever sent over the network.</source>
        <translation>Practice Desk guarda los expedientes de su consulta en un solo archivo cifrado en esta computadora. Nunca se envía nada por la red.</translation>
    </message>
    <message>
        <source>&amp;Set up a new practice</source>
        <translation>&amp;Crear una consulta nueva</translation>
    </message>
    <message>
        <source>&amp;Open an existing practice file on this computer</source>
        <translation>&amp;Abrir un archivo de consulta existente en esta computadora</translation>
    </message>
    <message>
        <source>&amp;Restore a practice from a backup (for example a new laptop)</source>
        <translation>&amp;Restaurar una consulta desde una copia de seguridad (por ejemplo, en una computadora portátil nueva)</translation>
    </message>
    <message>
        <source>Open a practice file</source>
        <translation>Abrir un archivo de consulta</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Target (mg/day)</source>
        <translation>Objetivo (mg/día)</translation>
    </message>
    <message>
        <source>Practical (mg/day)</source>
        <translation>Práctica (mg/día)</translation>
    </message>
    <message>
        <source>How to take each day</source>
        <translation>Cómo tomarlo cada día</translation>
    </message>
    <message>
        <source>Cut (% of previous)</source>
        <translation>Reducción (% de la anterior)</translation>
    </message>
    <message>
        <source>Rounded to a dose that can be measured: %1 from the target.</source>
        <translation>Redondeada a una dosis que se puede medir: %1 respecto al objetivo.</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>(ahora)</translation>
    </message>
    <message>
        <source>— (stopped)</source>
        <translation>— (suspendido)</translation>
    </message>
    <message>
        <source>+%1 % (back up)</source>
        <translation>+%1 % (sube)</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>⚠ Major</source>
        <translation>⚠ Grave</translation>
    </message>
    <message>
        <source>Chart summary</source>
        <translation>Resumen del expediente</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#555&apos;&gt;Choose a patient from the list.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#555&apos;&gt;Elija un paciente de la lista.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Born %1 (age %2)</source>
        <translation>Fecha de nacimiento: %1 (%2 años)</translation>
    </message>
    <message>
        <source>Chart %1</source>
        <translation>Expediente %1</translation>
    </message>
    <message>
        <source>ARCHIVED</source>
        <translation>ARCHIVADO</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>No active medications</source>
        <translation>Ningún medicamento activo</translation>
    </message>
    <message>
        <source>Medications</source>
        <translation>Medicamentos</translation>
    </message>
    <message>
        <source>step %1 — %2 mg/day</source>
        <translation>paso %1 — %2 mg/día</translation>
    </message>
    <message>
        <source>Taper</source>
        <translation>Reducción gradual</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>Próxima cita</translation>
    </message>
    <message>
        <source>none booked</source>
        <translation>ninguno programado</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>ATRASADO</translation>
    </message>
    <message>
        <source>✖ Contraindicated</source>
        <translation>✖ Contraindicado</translation>
    </message>
    <message>
        <source>◆ Moderate</source>
        <translation>◆ Moderada</translation>
    </message>
    <message>
        <source>Labs due</source>
        <translation>Laboratorios pendientes</translation>
    </message>
    <message>
        <source>Latest scores</source>
        <translation>Puntuaciones más recientes</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>Ninguno registrado</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>Diagnoses</source>
        <translation>Diagnósticos</translation>
    </message>
    <message>
        <source>Last visit note</source>
        <translation>Última nota de visita</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguna todavía</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message numerus="yes">
        <source>%n unsigned note(s)</source>
        <translation>
            <numerusform>%n nota sin firmar</numerusform>
            <numerusform>%n notas sin firmar</numerusform>
        </translation>
    </message>
    <message>
        <source>past its time, not marked</source>
        <translation>ya pasó, sin marcar</translation>
    </message>
    <message>
        <source>Book a visit…</source>
        <translation>Dar una cita…</translation>
    </message>
    <message>
        <source>All visits…</source>
        <translation>Todas las citas…</translation>
    </message>
    <message>
        <source>%1 mg/day</source>
        <translation>%1 mg/día</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>no verificado</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>firmada</translation>
    </message>
    <message>
        <source>draft, not signed</source>
        <translation>borrador, sin firmar</translation>
    </message>
</context>
<context>
    <name>SymptomLogMixin</name>
    <message>
        <source>No symptoms recorded for this taper yet.</source>
        <translation>Todavía no hay síntomas registrados para esta reducción gradual.</translation>
    </message>
    <message>
        <source>%1 · step %2 · severity %3/10 · %4</source>
        <translation>%1 · paso %2 · intensidad %3/10 · %4</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>Registrado:</translation>
    </message>
    <message>
        <source>Withdrawal symptoms at the current step</source>
        <translation>Síntomas de abstinencia en el paso actual</translation>
    </message>
    <message>
        <source>Overall severity, 0 to 10</source>
        <translation>Intensidad general, de 0 a 10</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Symptom note</source>
        <translation>Nota sobre los síntomas</translation>
    </message>
    <message>
        <source>Record symptoms</source>
        <translation>Registrar síntomas</translation>
    </message>
    <message>
        <source>Advice about holding</source>
        <translation>Consejo sobre mantener el paso</translation>
    </message>
    <message>
        <source>Symptoms recorded</source>
        <translation>Síntomas registrados</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>Intensidad:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderada</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>%1 out of 10 (%2)</source>
        <translation>%1 de 10 (%2)</translation>
    </message>
    <message>
        <source>Hold suggested:</source>
        <translation>Se sugiere mantener el paso:</translation>
    </message>
    <message>
        <source>Recorded. No hold suggested by these symptoms.</source>
        <translation>Registrado. Estos síntomas no sugieren mantener el paso.</translation>
    </message>
</context>
<context>
    <name>TaperWidgets</name>
    <message>
        <source>%1 a day</source>
        <translation>%1 al día</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Hyperbolic (a % of the current dose)</source>
        <translation>Hiperbólica (un % de la dosis actual)</translation>
    </message>
    <message>
        <source>Linear (the same mg each step)</source>
        <translation>Lineal (los mismos mg en cada paso)</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Estrategia</translation>
    </message>
</context>
<context>
    <name>TapersTab</name>
    <message>
        <source>hyperbolic</source>
        <extracomment>How each strategy reads in the summary of a taper.</extracomment>
        <translation>hiperbólica</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>lineal</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>personalizada</translation>
    </message>
    <message>
        <source>Tapers</source>
        <translation>Reducciones graduales</translation>
    </message>
    <message>
        <source>Plan a taper</source>
        <translation>Planificar una reducción gradual</translation>
    </message>
    <message>
        <source>Medication to taper</source>
        <translation>Medicamento que se va a reducir</translation>
    </message>
    <message>
        <source>Largest cut per step, percent</source>
        <translation>Mayor reducción por paso, en porcentaje</translation>
    </message>
    <message>
        <source>Days on each step</source>
        <translation>Días en cada paso</translation>
    </message>
    <message>
        <source>First step starts on</source>
        <translation>El primer paso empieza el</translation>
    </message>
    <message>
        <source>Oral liquid allowed</source>
        <translation>Se permite líquido oral</translation>
    </message>
    <message>
        <source>Tablet splitting allowed</source>
        <translation>Se permite partir tabletas</translation>
    </message>
    <message>
        <source>Compounded liquid allowed</source>
        <translation>Se permite un líquido preparado en farmacia</translation>
    </message>
    <message>
        <source>Open capsules and count beads (off-label)</source>
        <translation>Abrir cápsulas y contar bolitas (uso no autorizado)</translation>
    </message>
    <message>
        <source>Off-label: the patient opens each capsule and takes a counted share of its beads. Used only where no marketed product can make the steps.</source>
        <translation>Uso no autorizado: el paciente abre cada cápsula y toma una parte contada de sus bolitas. Solo se usa cuando ningún producto comercializado permite los pasos.</translation>
    </message>
    <message>
        <source>Why these settings</source>
        <translation>Por qué estos ajustes</translation>
    </message>
    <message>
        <source>Medication:</source>
        <translation>Medicamento:</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Estrategia:</translation>
    </message>
    <message>
        <source>Largest cut each step:</source>
        <translation>Mayor reducción por paso:</translation>
    </message>
    <message>
        <source>Each step lasts:</source>
        <translation>Cada paso dura:</translation>
    </message>
    <message>
        <source>First step starts:</source>
        <translation>El primer paso empieza:</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>Productos:</translation>
    </message>
    <message>
        <source>Doses at:</source>
        <translation>Dosis:</translation>
    </message>
    <message>
        <source>Suggested because:</source>
        <translation>Sugerido porque:</translation>
    </message>
    <message>
        <source>Planned steps</source>
        <translation>Pasos planificados</translation>
    </message>
    <message>
        <source>Warnings about this plan</source>
        <translation>Advertencias sobre este plan</translation>
    </message>
    <message>
        <source>Planning problem</source>
        <translation>Problema al planificar</translation>
    </message>
    <message>
        <source>Start this taper</source>
        <translation>Iniciar esta reducción gradual</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview&lt;/b&gt; (not saved)</source>
        <translation>&lt;b&gt;Vista previa&lt;/b&gt; (sin guardar)</translation>
    </message>
    <message>
        <source>Taper in progress</source>
        <translation>Reducción gradual en curso</translation>
    </message>
    <message>
        <source>Where the taper is today</source>
        <translation>Dónde está hoy la reducción gradual</translation>
    </message>
    <message>
        <source>Steps of the taper</source>
        <translation>Pasos de la reducción gradual</translation>
    </message>
    <message>
        <source>Days to stay longer</source>
        <translation>Días para quedarse más tiempo</translation>
    </message>
    <message>
        <source>Hold (symptoms)</source>
        <translation>Mantener (síntomas)</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Prolongar</translation>
    </message>
    <message>
        <source>Days back on the previous dose</source>
        <translation>Días de regreso a la dosis anterior</translation>
    </message>
    <message>
        <source>Step back to the previous dose</source>
        <translation>Regresar a la dosis anterior</translation>
    </message>
    <message>
        <source>step </source>
        <translation>paso </translation>
    </message>
    <message>
        <source>Re-plan from step</source>
        <translation>Replanificar desde el paso</translation>
    </message>
    <message>
        <source>Re-plan: largest cut</source>
        <translation>Replanificar: mayor reducción</translation>
    </message>
    <message>
        <source>Re-plan: days a step</source>
        <translation>Replanificar: días por paso</translation>
    </message>
    <message>
        <source>Re-plan</source>
        <translation>Replanificar</translation>
    </message>
    <message>
        <source>Reason, recorded with the change</source>
        <translation>Motivo, se registra con el cambio</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Motivo del cambio</translation>
    </message>
    <message>
        <source>End: completed</source>
        <translation>Terminar: completada</translation>
    </message>
    <message>
        <source>End: stopped early</source>
        <translation>Terminar: suspendida antes de tiempo</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>every</source>
        <translation>cada</translation>
    </message>
    <message>
        <source>Re-plan from</source>
        <translation>Replanificar desde</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Only a prescriber can change a taper.</source>
        <translation>Solo un prescriptor puede cambiar una reducción gradual.</translation>
    </message>
    <message>
        <source>Choose a patient to see or plan a taper.</source>
        <translation>Elija un paciente para ver o planificar una reducción gradual.</translation>
    </message>
    <message>
        <source>%1 from %2 a day</source>
        <translation>%1 desde %2 al día</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tapers in progress: %1.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Reducciones graduales en curso: %1.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No taper in progress. Plan one below from an active medication.</source>
        <translation>Ninguna reducción gradual en curso. Planifique una abajo a partir de un medicamento activo.</translation>
    </message>
    <message>
        <source>No psychiatric medication is active; the others are offered.</source>
        <translation>No hay ningún medicamento psiquiátrico activo; se ofrecen los demás.</translation>
    </message>
    <message>
        <source> (taper in progress)</source>
        <translation> (reducción gradual en curso)</translation>
    </message>
    <message>
        <source>No active formulary medication to taper.</source>
        <translation>No hay ningún medicamento activo del formulario para reducir.</translation>
    </message>
    <message>
        <source>Stay on step %1 longer by</source>
        <translation>Quedarse en el paso %1 otros</translation>
    </message>
    <message>
        <source>Go back from step %1 to the previous dose for</source>
        <translation>Regresar del paso %1 a la dosis anterior durante</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: from %2 a day, %3, %4 % every %5 days.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: desde %2 al día, %3, %4 % cada %5 días.</translation>
    </message>
    <message>
        <source>Not started yet: step 1 begins on %1.</source>
        <translation>Todavía no empieza: el paso 1 comienza el %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Today: step %1 of %2&lt;/b&gt; (since %3): &lt;b&gt;%4 a day&lt;/b&gt; — %5.</source>
        <translation>&lt;b&gt;Hoy: paso %1 de %2&lt;/b&gt; (desde el %3): &lt;b&gt;%4 al día&lt;/b&gt; — %5.</translation>
    </message>
    <message>
        <source>Next change on %1: %2 a day.</source>
        <translation>Próximo cambio el %1: %2 al día.</translation>
    </message>
    <message>
        <source>This is the final step: the medication has been stopped.</source>
        <translation>Este es el último paso: el medicamento se ha suspendido.</translation>
    </message>
    <message>
        <source>The plan ends above zero; see its warnings or re-plan.</source>
        <translation>El plan termina por encima de cero; vea sus advertencias o replanifique.</translation>
    </message>
    <message>
        <source>No step can be made with these settings and products (see the warning). Try a larger cut, or allow liquid or splitting.</source>
        <translation>No se puede hacer ningún paso con estos ajustes y productos (vea la advertencia). Pruebe una reducción mayor o permita líquido o partir tabletas.</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n paso</numerusform>
            <numerusform>%n pasos</numerusform>
        </translation>
    </message>
    <message>
        <source>stops on %1, about %2 weeks after it starts</source>
        <translation>termina el %1, unas %2 semanas después de empezar</translation>
    </message>
    <message>
        <source>does not reach zero</source>
        <translation>no llega a cero</translation>
    </message>
    <message>
        <source>products: %1</source>
        <translation>productos: %1</translation>
    </message>
    <message>
        <source>No warnings for this plan.</source>
        <translation>No hay advertencias para este plan.</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>Mark the %1 taper as completed?</source>
        <translation>¿Marcar como completada la reducción gradual de %1?</translation>
    </message>
    <message>
        <source>End the %1 taper before its last step? The plan stays in the record.</source>
        <translation>¿Terminar la reducción gradual de %1 antes de su último paso? El plan queda en el expediente.</translation>
    </message>
    <message>
        <source>End taper</source>
        <translation>Terminar la reducción gradual</translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message>
        <source>No data to show yet.</source>
        <translation>Todavía no hay datos que mostrar.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 desde el %2</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>hasta el %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n value(s) from %2 to %3, the latest %4 on %5</source>
        <translation>
            <numerusform>%1: %n valor del %2 al %3; el último, %4 el %5</numerusform>
            <numerusform>%1: %n valores del %2 al %3; el último, %4 el %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today</source>
        <extracomment>Rows shown per list; the earliest (most overdue) come first. Days after which the backup reminder shows (the practice preference).</extracomment>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation>Hoy, %1</translation>
    </message>
    <message>
        <source>No verified backup yet. Make one today (Practice → Back up).</source>
        <translation>Todavía no hay ninguna copia de seguridad verificada. Haga una hoy (Consulta → Hacer copia de seguridad).</translation>
    </message>
    <message>
        <source>Last verified backup: %1</source>
        <translation>Última copia de seguridad verificada: %1</translation>
    </message>
    <message numerus="yes">
        <source>more than %n day(s) ago. Make one today.</source>
        <translation>
            <numerusform>hace más de %n día. Haga una hoy.</numerusform>
            <numerusform>hace más de %n días. Haga una hoy.</numerusform>
        </translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>Citas de hoy</translation>
    </message>
    <message>
        <source>None booked.</source>
        <translation>Ninguna.</translation>
    </message>
    <message>
        <source>Past visits never marked</source>
        <translation>Citas pasadas sin marcar</translation>
    </message>
    <message>
        <source>Visits booked this week</source>
        <translation>Citas de esta semana</translation>
    </message>
    <message>
        <source>Book a follow-up…</source>
        <translation>Dar cita de control…</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>última consulta %1</translation>
    </message>
    <message>
        <source>Seen lately, no follow-up booked</source>
        <translation>Vistos hace poco, sin cita de control</translation>
    </message>
    <message>
        <source>Injections due this week</source>
        <translation>Inyecciones de esta semana</translation>
    </message>
    <message numerus="yes">
        <source>%n due</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n atrasado</numerusform>
            <numerusform>%n atrasados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more patients; each chart lists its own.</source>
        <translation>
            <numerusform>…y %n paciente más; cada expediente muestra los suyos.</numerusform>
            <numerusform>…y %n pacientes más; cada expediente muestra los suyos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Labs and checks due</source>
        <translation>Laboratorios y controles pendientes</translation>
    </message>
    <message>
        <source>%1 mg/day</source>
        <translation>%1 mg/día</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>suspender</translation>
    </message>
    <message>
        <source>step %1 (%2) from %3</source>
        <translation>paso %1 (%2) desde el %3</translation>
    </message>
    <message>
        <source>Taper steps starting this week</source>
        <translation>Pasos de reducción gradual que empiezan esta semana</translation>
    </message>
    <message numerus="yes">
        <source>%n draft note(s) to sign</source>
        <translation>
            <numerusform>%n nota en borrador por firmar</numerusform>
            <numerusform>%n notas en borrador por firmar</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsigned notes</source>
        <translation>Notas sin firmar</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguna.</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>acudió</translation>
    </message>
    <message>
        <source>did not attend</source>
        <translation>no acudió</translation>
    </message>
    <message>
        <source>past its time</source>
        <translation>ya pasó</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more, later ones; each chart lists its own.</source>
        <translation>
            <numerusform>…y %n más, posterior; cada expediente muestra los suyos.</numerusform>
            <numerusform>…y %n más, posteriores; cada expediente muestra los suyos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing due.</source>
        <translation>Nada pendiente.</translation>
    </message>
    <message>
        <source>Visit not marked</source>
        <translation>Cita sin marcar</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>&lt;h2&gt;Practice Desk&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Practice Desk&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Practice file: %1</source>
        <translation>Archivo de la consulta: %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Use the recovery key instead</source>
        <translation>Usar la clave de recuperación</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>⚠ Caps Lock seems to be on.</source>
        <translation>⚠ Parece que las mayúsculas (Bloq Mayús) están activadas.</translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation>Problema al desbloquear</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Restaurar desde una copia de seguridad…</translation>
    </message>
    <message>
        <source>Uses the user and password, or the recovery key, typed above.</source>
        <translation>Usa el usuario y la contraseña, o la clave de recuperación, escritos arriba.</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>Clave de &amp;recuperación:</translation>
    </message>
    <message>
        <source>Demo practice with synthetic patients. Password: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Consulta de demostración con pacientes ficticios. Contraseña: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <source>Your sign-in</source>
        <translation>Su inicio de sesión</translation>
    </message>
    <message>
        <source>The first user is a prescriber who can add the other staff later. Nobody, not even Practice Desk&apos;s makers, can open the records without a password or the recovery key.</source>
        <translation>El primer usuario es un prescriptor que después puede agregar al resto del personal. Nadie, ni siquiera quienes hicieron Practice Desk, puede abrir los expedientes sin una contraseña o la clave de recuperación.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>lower case, e.g. drsample</source>
        <translation>en minúsculas, p. ej. drejemplo</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>&amp;Create the practice</source>
        <translation>&amp;Crear la consulta</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>F&amp;ull name:</source>
        <translation>Nombre co&amp;mpleto:</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Agregar usuario…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Restablecer contraseña…</translation>
    </message>
    <message>
        <source>Re&amp;move user…</source>
        <translation>&amp;Quitar usuario…</translation>
    </message>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Cambiar &amp;mi contraseña…</translation>
    </message>
    <message>
        <source>Replace the &amp;encryption key…</source>
        <translation>Reemplazar la clave de &amp;cifrado…</translation>
    </message>
    <message>
        <source>New recovery &amp;key…</source>
        <translation>Nueva clave de recuperación (&amp;K)…</translation>
    </message>
    <message>
        <source>Signing key of the founding prescriber: %1. It is printed on the Recovery Sheet; if the two ever differ, the list of users and roles was changed outside Practice Desk.</source>
        <translation>Clave de firma del prescriptor fundador: %1. Está impresa en la Hoja de recuperación; si alguna vez no coinciden, la lista de usuarios y funciones se cambió fuera de Practice Desk.</translation>
    </message>
    <message>
        <source>This practice&apos;s users and roles are not signed yet.</source>
        <translation>Los usuarios y funciones de esta consulta todavía no están firmados.</translation>
    </message>
    <message>
        <source>Choose a user in the list first.</source>
        <translation>Primero elija un usuario de la lista.</translation>
    </message>
    <message>
        <source>%1 can now sign in.</source>
        <translation>%1 ya puede iniciar sesión.</translation>
    </message>
    <message>
        <source>Your password is changed. Use it from now on.</source>
        <translation>Su contraseña se cambió. Úsela a partir de ahora.</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>Se estableció una nueva contraseña para %1.</translation>
    </message>
    <message>
        <source>Remove %1 (%2)? They will no longer be able to sign in. Their name stays on the notes and audit events they made.</source>
        <translation>¿Quitar a %1 (%2)? Ya no podrá iniciar sesión. Su nombre se queda en las notas y los eventos de auditoría que hizo.</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Quitar usuario</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>Se quitó a %1.</translation>
    </message>
    <message>
        <source>Replace the practice&apos;s encryption key? Do this when a laptop, a backup or a copy of the practice&apos;s files may be in the wrong hands. Everyone keeps their password. Copies and backups made before now are not changed: they still open with the passwords they were made with.</source>
        <translation>¿Reemplazar la clave de cifrado de la consulta? Hágalo cuando un portátil, una copia de seguridad o una copia de los archivos de la consulta pueda estar en malas manos. Cada persona conserva su contraseña. Las copias hechas antes de ahora no cambian: se siguen abriendo con las contraseñas con las que se hicieron.</translation>
    </message>
    <message>
        <source>Replace the encryption key</source>
        <translation>Reemplazar la clave de cifrado</translation>
    </message>
    <message>
        <source>Make a new recovery key? The old key and every Recovery Sheet printed before stop opening the practice, and the encryption key is replaced with it. The new key is shown once, to print or save.</source>
        <translation>¿Crear una nueva clave de recuperación? La clave anterior y toda Hoja de recuperación impresa antes dejan de abrir la consulta, y con ello se reemplaza la clave de cifrado. La nueva clave se muestra una sola vez, para imprimirla o guardarla.</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>Nueva clave de recuperación</translation>
    </message>
    <message>
        <source>The practice&apos;s encryption key was replaced: copies of its files, old passwords and keys no longer open it as it is now. Backups and copies made before now are not changed.</source>
        <translation>Se reemplazó la clave de cifrado de la consulta: las copias de sus archivos, las contraseñas y claves antiguas ya no la abren tal como está ahora. Las copias de seguridad y copias hechas antes de ahora no cambian.</translation>
    </message>
    <message>
        <source>These users signed in with an older key file and need a new password before they can sign in again: %1.</source>
        <translation>Estos usuarios entraban con un archivo de claves antiguo y necesitan una contraseña nueva antes de poder volver a entrar: %1.</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Medication follow-up</source>
        <translation>Control de medicación</translation>
    </message>
    <message>
        <source>Injection</source>
        <translation>Inyección</translation>
    </message>
    <message>
        <source>Lab draw</source>
        <translation>Extracción de análisis</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>citada</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>acudió</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>did not attend</source>
        <translation>no acudió</translation>
    </message>
    <message>
        <source>%1 at %2 — %3 (%4 min)</source>
        <translation>%1 a las %2 — %3 (%4 min)</translation>
    </message>
    <message>
        <source>The plan says when to come back: around %1. Book that visit now?</source>
        <translation>El plan indica cuándo volver: hacia el %1. ¿Dar esa cita ahora?</translation>
    </message>
    <message>
        <source>Already booked: %1.</source>
        <translation>Ya tiene cita: %1.</translation>
    </message>
    <message>
        <source>Book the next visit — %1</source>
        <translation>Dar la próxima cita — %1</translation>
    </message>
</context>
<context>
    <name>VisitsDialog</name>
    <message>
        <source>Visits — %1</source>
        <translation>Citas — %1</translation>
    </message>
    <message>
        <source>Day and time</source>
        <translation>Día y hora</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Citas</translation>
    </message>
    <message>
        <source>&amp;Book a visit…</source>
        <translation>&amp;Dar una cita…</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Cambiar…</translation>
    </message>
    <message>
        <source>&amp;Cancel visit…</source>
        <translation>Ca&amp;ncelar cita…</translation>
    </message>
    <message>
        <source>&amp;Attended</source>
        <translation>&amp;Acudió</translation>
    </message>
    <message>
        <source>Did &amp;not attend</source>
        <translation>No ac&amp;udió</translation>
    </message>
    <message>
        <source>&amp;Print card…</source>
        <translation>&amp;Imprimir tarjeta…</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (inglés)</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Language of the card</source>
        <translation>Idioma de la tarjeta</translation>
    </message>
    <message>
        <source>%1 (past its time, not marked)</source>
        <translation>%1 (ya pasó, sin marcar)</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Cancel the visit — %1</source>
        <translation>Cancelar la cita — %1</translation>
    </message>
    <message>
        <source>Cancel the visit on %1? Reason (optional):</source>
        <translation>¿Cancelar la cita del %1? Motivo (opcional):</translation>
    </message>
    <message>
        <source>Appointment card — %1</source>
        <translation>Tarjeta de cita — %1</translation>
    </message>
</context>
</TS>
