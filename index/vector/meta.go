package vector

import (
	"encoding/binary"
	"errors"

	"vitae"
)

// metaCols keeps every slot's Meta in columns of small codes instead of a
// struct of strings per vector (at a million vectors those were ~220 MB of
// heap): each distinct string is held once, and a slot is six codes and a
// run in a shared list of skill codes (32 bytes, plus its skills).
type metaCols struct {
	dict   []string          // code → string; code 0 is ""
	code   map[string]uint32 // string → code
	fields []uint32          // per slot: company, role, person, section, start, end
	skill  []uint32          // per slot: start in skills, then count
	skills []uint32          // skill codes, runs appended (a replaced run is left behind)
}

const metaFields = 6

func (c *metaCols) intern(s string) uint32 {
	if s == "" {
		return 0
	}
	if k, ok := c.code[s]; ok {
		return k
	}
	if c.code == nil {
		c.code, c.dict = map[string]uint32{}, []string{""}
	}
	k := uint32(len(c.dict))
	c.dict = append(c.dict, s)
	c.code[s] = k
	return k
}

// internBytes is intern without a string made for a known value.
func (c *metaCols) internBytes(b []byte) uint32 {
	if k, ok := c.code[string(b)]; ok {
		return k
	}
	return c.intern(string(b))
}

func (c *metaCols) len() int { return len(c.fields) / metaFields }

// grow makes room for n more slots.
func (c *metaCols) grow(n int) {
	if need := len(c.fields) + n*metaFields; need > cap(c.fields) {
		c.fields = append(make([]uint32, 0, need), c.fields...)
		c.skill = append(make([]uint32, 0, len(c.skill)+2*n), c.skill...)
	}
}

// set writes m as slot i's (i ≤ len: one past the end appends).
func (c *metaCols) set(i int, m Meta) {
	codes := [metaFields]uint32{c.intern(m.Company), c.intern(m.Role), c.intern(m.Person),
		c.intern(m.Section), c.intern(m.Period.Start), c.intern(m.Period.End)}
	run := [2]uint32{uint32(len(c.skills)), uint32(len(m.Skills))}
	for _, s := range m.Skills {
		c.skills = append(c.skills, c.intern(s))
	}
	if i == c.len() {
		c.fields = append(c.fields, codes[:]...)
		c.skill = append(c.skill, run[:]...)
		return
	}
	copy(c.fields[i*metaFields:], codes[:])
	copy(c.skill[2*i:], run[:])
}

// get fills m with slot i's metadata; m.Skills reuses its backing array.
func (c *metaCols) get(i int, m *Meta) {
	f := c.fields[i*metaFields : (i+1)*metaFields]
	m.Company, m.Role, m.Person, m.Section = c.str(f[0]), c.str(f[1]), c.str(f[2]), c.str(f[3])
	m.Period = vitae.Period{Start: c.str(f[4]), End: c.str(f[5])}
	m.Skills = m.Skills[:0]
	at, n := c.skill[2*i], c.skill[2*i+1]
	for _, k := range c.skills[at : at+n] {
		m.Skills = append(m.Skills, c.str(k))
	}
}

func (c *metaCols) str(k uint32) string {
	if k == 0 {
		return ""
	}
	return c.dict[k]
}

func (c *metaCols) reset() { *c = metaCols{} }

// AppendMeta encodes m compactly (length-prefixed strings) after b: how
// the index keeps it beside a vector's slot, read back by DecodeMeta.
func AppendMeta(b []byte, m Meta) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, s := range []string{m.Company, m.Role, m.Person, m.Section, m.Period.Start, m.Period.End} {
		str(s)
	}
	b = binary.AppendUvarint(b, uint64(len(m.Skills)))
	for _, s := range m.Skills {
		str(s)
	}
	return b
}

var errMeta = errors.New("vector metadata: short or corrupt")

// DecodeMeta reads what AppendMeta wrote.
func DecodeMeta(b []byte) (Meta, error) {
	var m Meta
	err := decodeMeta(b, func(field int, s []byte) {
		v := string(s)
		switch field {
		case 0:
			m.Company = v
		case 1:
			m.Role = v
		case 2:
			m.Person = v
		case 3:
			m.Section = v
		case 4:
			m.Period.Start = v
		case 5:
			m.Period.End = v
		default:
			m.Skills = append(m.Skills, v)
		}
	})
	return m, err
}

// decodeMeta calls fn with each field in order (0–5), then each skill (6).
func decodeMeta(b []byte, fn func(field int, s []byte)) error {
	next := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, false
		}
		s := b[k : k+int(n)]
		b = b[k+int(n):]
		return s, true
	}
	for f := range metaFields {
		s, ok := next()
		if !ok {
			return errMeta
		}
		fn(f, s)
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errMeta
	}
	b = b[k:]
	for range n {
		s, ok := next()
		if !ok {
			return errMeta
		}
		fn(metaFields, s)
	}
	return nil
}

// setEncoded writes slot i's metadata straight from AppendMeta's bytes,
// interning without a string per field.
func (c *metaCols) setEncoded(i int, b []byte) error {
	var codes [metaFields]uint32
	run := [2]uint32{uint32(len(c.skills)), 0}
	err := decodeMeta(b, func(f int, s []byte) {
		k := uint32(0)
		if len(s) > 0 {
			k = c.internBytes(s)
		}
		if f < metaFields {
			codes[f] = k
			return
		}
		c.skills = append(c.skills, k)
		run[1]++
	})
	if err != nil {
		return err
	}
	for c.len() < i {
		c.fields = append(c.fields, make([]uint32, metaFields)...)
		c.skill = append(c.skill, 0, 0)
	}
	if i == c.len() {
		c.fields = append(c.fields, codes[:]...)
		c.skill = append(c.skill, run[:]...)
		return nil
	}
	copy(c.fields[i*metaFields:], codes[:])
	copy(c.skill[2*i:], run[:])
	return nil
}
