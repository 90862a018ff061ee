import type { leads as en } from '../en/leads';

/** El área de pistas, en español. */
export const leads: typeof en = {
  leadsList: {
    title: 'Pistas', newLead: 'Registrar una pista', filters: 'Filtros', any: 'Cualquiera', me: 'Asignadas a mí', clear: 'Quitar los filtros',
    status: 'Estado', source: 'Origen', county: 'Condado', type: 'Tipo sospechado', from: 'Recibida desde', to: 'Recibida hasta', assignee: 'Asignada a',
    caption: 'Las pistas de su agencia, de la más reciente a la más antigua', empty: 'Ninguna pista coincide con estos filtros.', emptyHint: 'Quite los filtros para ver todas las pistas de su agencia, o registre una pista nueva.',
    noneYet: 'Su agencia todavía no tiene pistas.', noneYetHint: 'Registre el primer aviso o señal de la línea directa con «Registrar una pista».', shown_one: 'Se muestra {{count}} pista', shown_other: 'Se muestran {{count}} pistas',
    loadingMore: 'Cargando más pistas…', unassigned: 'Sin asignar', someone: 'Alguien de su agencia',
    columns: { reference: 'Referencia', received: 'Recibida', source: 'Origen', status: 'Estado', priority: 'Prioridad', type: 'Tipo sospechado', place: 'Lugar', assignee: 'Asignada a' },
  },
  leadForm: {
    title: 'Registrar una pista', intro: 'Qué se recibió, dónde, y los teléfonos, direcciones, usuarios en línea, placas o personas que menciona. Los identificadores se comparan con las otras agencias mientras escribe.',
    what: 'El aviso', where: 'Lugar', source: 'Origen', receivedAt: 'Recibida el', narrative: 'Lo que se informó', state: 'Estado (dos letras)', county: 'Condado', city: 'Ciudad o pueblo',
    suspectedType: 'Tipo sospechado', venue: 'Lugar o sector', noVenue: 'Se desconoce', indicators: 'Indicadores observados', identifiers: 'Identificadores mencionados',
    identifiersHelp: 'Añada cada teléfono, dirección, usuario en línea, placa de vehículo o persona (nombre completo con fecha de nacimiento) que menciona el aviso.', noIdentifiers: 'No se añadieron identificadores.',
    add: { PHONE: 'Añadir un teléfono', ADDRESS: 'Añadir una dirección', HANDLE: 'Añadir un usuario', PLATE: 'Añadir una placa', PERSON: 'Añadir una persona' },
    value: { PHONE: 'Número de teléfono', ADDRESS: 'Dirección', HANDLE: 'Usuario en línea', PLATE: 'Placa del vehículo', PERSON: 'Nombre completo' },
    birthDate: 'Fecha de nacimiento', remove: 'Quitar {{label}} {{n}}', submit: 'Registrar la pista', submitting: 'Registrando la pista…',
    errors: {
      narrative: 'Describa lo que se informó (hasta 20 000 caracteres).', receivedAt: 'Indique cuándo se recibió.', future: 'La hora de recepción no puede ser futura.',
      state: 'Dos letras mayúsculas, como WY.', place: 'Como máximo 100 caracteres.', indicators: 'Como máximo 30 indicadores.', identifiers: 'Como máximo 50 identificadores.',
      length: 'Entre 2 y 300 caracteres.', birthDate: 'Indique la fecha de nacimiento.',
      invalid: {
        PHONE: 'Un número con código de área (p. ej. 307-555-0142), o + y el código del país.', ADDRESS: 'Una dirección con número.',
        HANDLE: 'Un usuario sin espacios.', PLATE: 'De 2 a 10 letras o dígitos.', PERSON: 'Nombre y apellido.',
      },
    },
  },
  deconfliction: {
    checking: 'Consultando a las otras agencias…', clear: 'Ninguna otra agencia trabaja {{what}}.', failed: 'No se pudo comparar con las otras agencias: {{reason}}',
    match: '{{agency}} trabaja {{what}}: llame a {{contact}} antes de actuar.', callAgency: 'la agencia',
    what: { PHONE: 'este teléfono', ADDRESS: 'esta dirección', HANDLE: 'este usuario', PLATE: 'esta placa', PERSON: 'esta persona' },
  },
  leadDetail: {
    title: 'Pista {{reference}}', facts: 'La pista', identifiers: 'Identificadores', deconfliction: 'Otras agencias', actions: 'Qué hacer ahora', noIdentifiers: 'No se registraron identificadores en esta pista.',
    status: 'Estado', priority: 'Prioridad', source: 'Origen', receivedAt: 'Recibida', suspectedType: 'Tipo sospechado', venue: 'Lugar o sector', place: 'Lugar', assignee: 'Asignada a',
    indicators: 'Indicadores', narrative: 'Lo que se informó', closedReason: 'Motivo del cierre', duplicateOf: 'Duplicada de', caseLink: 'Convertida en el caso', openCase: 'Abrir el caso',
    openDuplicate: 'Abrir la pista que duplica', kind: 'Tipo', value: 'Valor', birthDate: 'Fecha de nacimiento', noneObserved: 'No se registró ninguno', closedNote: 'Esta pista está cerrada; ya no se puede evaluar ni convertir en caso.', back: 'Todas las pistas',
    triage: 'Evaluar', promote: 'Convertir en caso', close: 'Cerrar la pista', readOnly: 'Puede leer esta pista; evaluarla, convertirla en caso o cerrarla corresponde a un investigador o supervisor.',
  },
  triage: {
    title: 'Evaluar la pista', priority: 'Prioridad', assignee: 'Asignar a', keep: 'Dejar como está', submit: 'Guardar la evaluación', done: 'Se evaluó la pista.',
  },
  promote: {
    title: 'Convertir en caso', intro: 'Abre un caso de su agencia que conserva esta pista y sus identificadores.', caseTitle: 'Título del caso', type: 'Tipo de trata', venue: 'Lugar o sector',
    counties: 'Condados implicados', countiesHelp: 'Separe los condados con comas.', means: 'Medios de control observados', controlDetail: 'Cómo se ejerce el control', summary: 'Resumen',
    assignees: 'Asignados al caso', submit: 'Abrir el caso',
    errors: { title: 'Un título de 3 a 200 caracteres.', counties: 'Hasta 23 condados, cada uno de 2 a 60 caracteres.', controlDetail: 'Como máximo 5000 caracteres.', summary: 'Como máximo 20 000 caracteres.' },
  },
  closeLead: {
    done: 'Se cerró la pista.', title: 'Cerrar la pista', as: 'Cerrar como', reason: 'Motivo', reasonHelp: 'Lo que se comprobó, de 3 a 2000 caracteres.', duplicateOf: 'La pista que duplica', submit: 'Cerrar la pista',
    errors: { reason: 'Indique un motivo de 3 a 2000 caracteres.', duplicateOf: 'Elija la pista que duplica.' },
  },
};
